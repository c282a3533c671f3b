package dev.resolvechain.config;

import dev.resolvechain.files.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration file: java.util.Properties' format, read as {@code Properties.load(Reader)}
 * reads it (comments, separators, escapes, continued lines; the last of a repeated key wins), but
 * keeping the line each key is on, so that a problem can name FILE:LINE; Properties keeps none. It
 * is read through {@link TextFiles}: a FIFO or a device is refused unread, and so is a file larger
 * than {@link TextFiles#SMALL_FILE_CAP}.
 */
final class PropertiesFile {
    /** The values by key, in the order of the file. */
    final Map<String, String> values = new LinkedHashMap<>();
    /** The line each key of {@link #values} is on, from 1. */
    final Map<String, Integer> lines = new HashMap<>();

    private final String text;
    private final StringBuilder logicalLine = new StringBuilder();
    private int position;
    private int line = 1;
    private int keyLine;

    private PropertiesFile(String text) {
        this.text = text;
    }

    /**
     * The file named by the key {@code config}, whose value came from {@code configSource}; one
     * without values, and a problem, when it cannot be read.
     */
    static PropertiesFile read(Path file, String configSource, List<String> problems) {
        String text = "";
        try {
            text = TextFiles.read(file, "configuration file", TextFiles.SMALL_FILE_CAP, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add("config file " + file + " does not exist (key 'config', " + configSource + ")");
        } catch (TextFiles.Refused e) {
            problems.add("config file " + e.getMessage() + " (key 'config', " + configSource + ")");
        } catch (AccessDeniedException e) {
            problems.add("config file " + file + " cannot be read: permission denied (key 'config', " + configSource + ")");
        } catch (IOException e) {
            problems.add("config file " + file + " cannot be read: " + e.getMessage() + " (key 'config', " + configSource + ")");
        }
        return parse(text, "config file " + file, problems);
    }

    /** The pairs of {@code text}; a line with a malformed {@code \\uXXXX} escape is a problem naming {@code where} and its line, and is left out. */
    static PropertiesFile parse(String text, String where, List<String> problems) {
        PropertiesFile file = new PropertiesFile(text);
        while (file.readLogicalLine()) {
            file.split(where, problems);
        }
        return file;
    }

    /**
     * The next logical line into {@link #logicalLine}: blank and comment lines skipped, leading
     * blanks dropped, a line ending in an odd number of backslashes joined with the next. The
     * logic and its corner cases are those of Properties' LineReader.
     */
    private boolean readLogicalLine() {
        logicalLine.setLength(0);
        boolean skipBlanks = true;
        boolean continuedLineStart = false;
        boolean precedingBackslash = false;
        while (true) {
            if (position >= text.length()) {
                return endOfText(precedingBackslash);
            }
            char c = next();
            if (skipBlanks) {
                if (c == ' ' || c == '\t' || c == '\f' || (!continuedLineStart && (c == '\r' || c == '\n'))) {
                    continue;
                }
                skipBlanks = false;
                continuedLineStart = false;
            }
            if (logicalLine.length() == 0 && (c == '#' || c == '!')) {
                skipComment();
                skipBlanks = true;
            } else if (c != '\n' && c != '\r') {
                if (logicalLine.length() == 0) {
                    keyLine = line;
                }
                logicalLine.append(c);
                precedingBackslash = c == '\\' && !precedingBackslash;
            } else if (logicalLine.length() == 0) {
                skipBlanks = true;
            } else if (position >= text.length() || !precedingBackslash) {
                return endOfText(precedingBackslash);
            } else {
                logicalLine.setLength(logicalLine.length() - 1);
                skipBlanks = true;
                continuedLineStart = true;
                precedingBackslash = false;
                if (c == '\r' && text.charAt(position) == '\n') {
                    next();
                }
            }
        }
    }

    /** Whether a logical line was read; a backslash that ends the text is not part of it. */
    private boolean endOfText(boolean precedingBackslash) {
        if (logicalLine.length() == 0 && position >= text.length() && !precedingBackslash) {
            return false;
        }
        if (precedingBackslash) {
            logicalLine.setLength(logicalLine.length() - 1);
        }
        return true;
    }

    private void skipComment() {
        while (position < text.length()) {
            char c = next();
            if (c == '\n' || c == '\r') {
                return;
            }
        }
    }

    /** The next character; a line ends at {@code \n}, at {@code \r\n} and at a {@code \r} alone. */
    private char next() {
        char c = text.charAt(position++);
        if (c == '\n' || (c == '\r' && (position == text.length() || text.charAt(position) != '\n'))) {
            line++;
        }
        return c;
    }

    /** The key ends at the first unescaped {@code =}, {@code :} or blank; blanks and one separator before the value are dropped. */
    private void split(String where, List<String> problems) {
        int limit = logicalLine.length();
        int keyEnd = 0;
        int valueStart = limit;
        boolean separator = false;
        boolean precedingBackslash = false;
        while (keyEnd < limit) {
            char c = logicalLine.charAt(keyEnd);
            if ((c == '=' || c == ':') && !precedingBackslash) {
                valueStart = keyEnd + 1;
                separator = true;
                break;
            } else if ((c == ' ' || c == '\t' || c == '\f') && !precedingBackslash) {
                valueStart = keyEnd + 1;
                break;
            }
            precedingBackslash = c == '\\' && !precedingBackslash;
            keyEnd++;
        }
        while (valueStart < limit) {
            char c = logicalLine.charAt(valueStart);
            if (c != ' ' && c != '\t' && c != '\f') {
                if (separator || (c != '=' && c != ':')) {
                    break;
                }
                separator = true;
            }
            valueStart++;
        }
        String key = unescape(0, keyEnd);
        String value = unescape(valueStart, limit);
        if (key == null || value == null) {
            problems.add(where + ":" + keyLine + ": malformed \\uXXXX escape; the line is ignored");
            return;
        }
        values.put(key, value);
        lines.put(key, keyLine);
    }

    /** The text of {@code logicalLine} from {@code start} to {@code end} with its escapes replaced; null for a malformed {@code \\u}. */
    private String unescape(int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            char c = logicalLine.charAt(i++);
            if (c != '\\' || i == end) {
                out.append(c);
                continue;
            }
            c = logicalLine.charAt(i++);
            if (c == 'u') {
                if (i > end - 4) {
                    return null;
                }
                int code = 0;
                for (int digit = 0; digit < 4; digit++) {
                    int value = hexDigit(logicalLine.charAt(i++));
                    if (value < 0) {
                        return null;
                    }
                    code = (code << 4) + value;
                }
                out.append((char) code);
            } else {
                out.append(c == 't' ? '\t' : c == 'r' ? '\r' : c == 'n' ? '\n' : c == 'f' ? '\f' : c);
            }
        }
        return out.toString();
    }

    /** The value of ASCII hex digit {@code c}, or -1 (Character.digit would take other scripts' digits too). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
