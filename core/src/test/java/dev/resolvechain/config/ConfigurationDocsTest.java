package dev.resolvechain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's key table is the reference users read: it must list exactly the keys of
 * {@link Settings#ALL}, in that order, each with the default the code has and what it accepts.
 */
class ConfigurationDocsTest {
    /** Core's tests run in {@code core/}; the docs are at the repository root. */
    static final Path PAGE = Path.of("../docs/configuration.md");
    private static final String HEADER = "| key | default | accepted | meaning |";
    /**
     * A default cell: {@code unset} (no default), {@code empty} (the empty text), or the default in
     * backticks, each optionally followed by a note in parentheses.
     */
    private static final Pattern DEFAULT = Pattern.compile("(unset|empty|`([^`]*)`)( \\(.*\\))?");

    private record Row(String key, String defaultCell, String acceptedCell) {
    }

    @Test
    void keyTableListsEverySettingInOrderWithItsDefaultAndRange() throws IOException {
        List<Row> rows = keyTable(Files.readAllLines(PAGE));
        List<String> documented = new ArrayList<>();
        rows.forEach(row -> documented.add(row.key()));
        List<String> expected = new ArrayList<>();
        Settings.ALL.forEach(setting -> expected.add(setting.key()));
        assertEquals(expected, documented, PAGE + ": the keys of the table '" + HEADER + "' differ from Settings.ALL");

        for (int i = 0; i < rows.size(); i++) {
            Setting<?> setting = Settings.ALL.get(i);
            Row row = rows.get(i);
            assertEquals(shown(setting.defaultText()), defaultOf(row), PAGE + ": the default of key '" + setting.key()
                    + "' (cell '" + row.defaultCell() + "')");
            assertEquals(setting.accepted(), row.acceptedCell().replace("`", ""), PAGE + ": what key '" + setting.key()
                    + "' accepts (backticks aside)");
        }
    }

    /** How the table writes a default: unset, empty, or the text in backticks. */
    static String shown(String defaultText) {
        if (defaultText == null) {
            return "unset";
        }
        return defaultText.isEmpty() ? "empty" : "`" + defaultText + "`";
    }

    /** The cell without its note: {@code unset}, {@code empty} or {@code `text`}. */
    private static String defaultOf(Row row) {
        Matcher m = DEFAULT.matcher(row.defaultCell());
        if (!m.matches()) {
            fail(PAGE + ": the default of key '" + row.key() + "' is '" + row.defaultCell()
                    + "'; write unset, empty or `value`, optionally followed by ' (note)'");
        }
        return m.group(1);
    }

    /** The rows of the table under {@link #HEADER}: key (without backticks), default cell and accepted cell. */
    private static List<Row> keyTable(List<String> lines) {
        int header = lines.indexOf(HEADER);
        assertFalse(header < 0, PAGE + " has no table with the header '" + HEADER + "'");
        List<Row> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|", -1);
            if (cells.length < 5) {
                fail(PAGE + ":" + (i + 1) + ": a row of the key table needs four cells: " + lines.get(i));
            }
            String key = cells[1].trim();
            if (!key.matches("`[^`]+`")) {
                fail(PAGE + ":" + (i + 1) + ": the key cell '" + key + "' is not one key in backticks");
            }
            rows.add(new Row(key.substring(1, key.length() - 1), cells[2].trim(), cells[3].trim()));
        }
        return rows;
    }
}
