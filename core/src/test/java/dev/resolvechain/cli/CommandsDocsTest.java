package dev.resolvechain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/commands.md documents exactly the commands that exist: those of {@link Cli#USAGE}, with the
 * synopsis it gives, and {@code attach}, which the agent's {@code Main} adds. Each is a heading
 * {@code ## `SYNOPSIS`}; no other heading starts with a backtick.
 */
class CommandsDocsTest {
    /** Core's tests run in {@code core/}; the docs are at the repository root. */
    private static final Path PAGE = Path.of("../docs/commands.md");
    /** Added by the agent module's Main, which core cannot see. */
    private static final String ATTACH = "attach PID [key=value ...]";

    @Test
    void headingsAreTheCommandsOfTheUsageAndAttach() throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Cli.USAGE.split("\n")) {
            String synopsis = line.trim().split(" {2,}")[0];
            if (!synopsis.startsWith("options:")) {
                expected.add(synopsis);
            }
        }
        expected.add(ATTACH);

        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(PAGE)) {
            if (line.startsWith("## `") && line.endsWith("`")) {
                documented.add(line.substring(4, line.length() - 1));
            }
        }
        assertEquals(expected, documented, PAGE + ": the '## `COMMAND ...`' headings differ from Cli.USAGE plus '" + ATTACH + "'");
    }
}
