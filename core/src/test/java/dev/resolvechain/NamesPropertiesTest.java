package dev.resolvechain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Names, whatever an application or a file hands them: never an exception, DNS's limits kept, valid names taken as they are. */
class NamesPropertiesTest {
    private static final int MAX_LABEL_LENGTH = 63;
    private static final String HOST_NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

    /** Any text, weighted towards what breaks names: dots, control characters, non-ASCII letters, very long runs. */
    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<Character> tricky = Arbitraries.of('.', '.', '-', '_', '*', ' ', '\t', '\n', '\0', '\u001b', '\u007f', '\u0085',
                '\u00e9', '\u0130', '\u212a', '\ud800', '\udfff', '\uffff', 'A', 'z', '9');
        Arbitrary<String> mixed = Arbitraries.strings().withChars(HOST_NAME_CHARS.toCharArray()).withChars("..".toCharArray())
                .ofMaxLength(300);
        Arbitrary<String> trickyText = tricky.list().ofMaxSize(80).map(NamesPropertiesTest::join);
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(300), mixed, trickyText,
                Arbitraries.strings().withChars("a.".toCharArray()).ofMinLength(240).ofMaxLength(600));
    }

    @Provide
    Arbitrary<String> label() {
        return Arbitraries.strings().withChars(HOST_NAME_CHARS.toCharArray()).ofMinLength(1).ofMaxLength(MAX_LABEL_LENGTH);
    }

    /** A name DNS can carry: labels of 1 to 63 host-name characters, at most 253 in all; sometimes with a trailing dot. */
    @Provide
    Arbitrary<String> validName() {
        Arbitrary<String> dotless = label().list().ofMinSize(1).ofMaxSize(8).map(labels -> String.join(".", labels))
                .filter(name -> name.length() <= Names.MAX_NAME_LENGTH);
        return Combinators.combine(dotless, Arbitraries.of(false, true)).as((name, absolute) -> absolute ? name + "." : name);
    }

    /** Labels of 1 to 80 characters, so that some are over 63 and some names over 253. */
    @Provide
    Arbitrary<List<String>> labelsAroundTheLimits() {
        Arbitrary<String> label = Arbitraries.strings().withChars(HOST_NAME_CHARS.toCharArray()).ofMinLength(1).ofMaxLength(80);
        return label.list().ofMinSize(1).ofMaxSize(6).flatMap(labels -> Arbitraries.integers().between(0, 3).map(extra -> {
            // pad to near 253 characters now and then, where the name limit is decided
            List<String> padded = new ArrayList<>(labels);
            for (int i = 0; i < extra && String.join(".", padded).length() < 240; i++) {
                padded.add("x".repeat(MAX_LABEL_LENGTH));
            }
            return padded;
        }));
    }

    private static String join(List<Character> chars) {
        StringBuilder text = new StringBuilder(chars.size());
        chars.forEach(text::append);
        return text.toString();
    }

    private static void assertNoRawControlCharacter(String message) {
        assertTrue(message.chars().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)), message);
    }

    @Property(tries = 2000)
    void noTextMakesAnyOfThemThrowAndProblemsAreQuoted(@ForAll("anyText") String text, @ForAll("anyText") String other) {
        String structure = Names.structureProblem(text);
        String problem = Names.problem(text);
        Names.normalize(text);
        Names.bareDomain(text);
        Names.isUnder(text, other);
        Names.isUnder(text, Names.normalize(other));

        if (structure != null) {
            assertEquals(structure, problem, "a structure problem is the problem");
            assertNoRawControlCharacter(structure);
        }
        if (problem != null) {
            assertNoRawControlCharacter(problem);
            assertTrue(problem.length() <= 2 * (6 * Quoted.MAX_LENGTH + 5) + 100, "the text is quoted, not copied whole: " + problem.length());
        }
    }

    @Property(tries = 1000)
    void aValidNameIsAcceptedAndDnsjavaTakesItToo(@ForAll("validName") String name) throws TextParseException {
        assertNull(Names.structureProblem(name));
        assertNull(Names.problem(name));
        Name dns = Name.fromString(name, Name.root);
        assertTrue(dns.length() <= 255, "within DNS's 255 octets on the wire: " + dns.length());
    }

    @Property(tries = 1000)
    void aNameIsRefusedExactlyWhenALabelIsEmptyOrOver63OrTheNameOver253(@ForAll("labelsAroundTheLimits") List<String> labels,
                                                                        @ForAll boolean absolute, @ForAll boolean emptyLabel) {
        List<String> withEmpty = new ArrayList<>(labels);
        if (emptyLabel) {
            withEmpty.add(withEmpty.size() / 2, "");
        }
        String dotless = String.join(".", withEmpty);
        String name = absolute ? dotless + "." : dotless;
        boolean fits = withEmpty.stream().allMatch(label -> !label.isEmpty() && label.length() <= MAX_LABEL_LENGTH)
                && dotless.length() <= Names.MAX_NAME_LENGTH;

        String problem = Names.structureProblem(name);

        assertEquals(fits, problem == null, name.length() + " characters: " + problem);
        if (dotless.length() > Names.MAX_NAME_LENGTH) {
            assertTrue(problem.contains("longer than DNS allows (253)"), problem);
        } else if (!fits && !emptyLabel) {
            assertTrue(problem.contains("has a label longer than 63 characters"), problem);
        }
    }

    @Property(tries = 1000)
    void normalizingAValidNameIsIdempotentAndKeepsItValid(@ForAll("validName") String name) {
        String normalized = Names.normalize(name);

        assertEquals(normalized, Names.normalize(normalized));
        assertEquals(normalized.toLowerCase(Locale.ROOT), normalized);
        assertFalse(normalized.endsWith("."), normalized);
        assertNull(Names.problem(normalized));
        assertEquals(name.toLowerCase(Locale.ROOT), name.endsWith(".") ? normalized + "." : normalized);
    }

    @Property(tries = 1000)
    void aNameIsUnderADomainExactlyWhenItIsItOrEndsWithDotAndIt(@ForAll("validName") String name, @ForAll("validName") String domain,
                                                                 @ForAll boolean prefixed) {
        String n = Names.normalize(prefixed ? name.replaceAll("\\.$", "") + "." + domain : name);
        String d = Names.normalize(domain);

        boolean expected = n.equals(d) || n.endsWith("." + d);

        assertEquals(expected, Names.isUnder(n, d), n + " under " + d);
        assertEquals(expected, Names.isUnder(n.toUpperCase(Locale.ROOT), d), "case does not matter");
        assertTrue(Names.isUnder(n, "*"));
        assertTrue(Names.isUnder(d, d));
        if (prefixed) {
            assertTrue(Names.isUnder(n, d));
        }
    }

    @Property(tries = 500)
    void aLabelOver63IsRefusedWhereverItIs(@ForAll("validName") String name, @ForAll("overlongLabel") String label,
                                           @ForAll boolean first) {
        String withLong = first ? label + "." + name : Names.normalize(name) + "." + label;

        String problem = Names.structureProblem(withLong);

        assertNotNull(problem, withLong);
        assertNotNull(Names.problem(withLong));
    }

    @Provide
    Arbitrary<String> overlongLabel() {
        return Arbitraries.strings().withChars(HOST_NAME_CHARS.toCharArray()).ofMinLength(MAX_LABEL_LENGTH + 1).ofMaxLength(300);
    }
}
