package dev.resolvechain.files;

/** Something wrong in an input file, with where it is: {@code /etc/aliases/web.hosts:3: '10.0.0.x' is not an IP address}. */
public record Problem(String file, int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
