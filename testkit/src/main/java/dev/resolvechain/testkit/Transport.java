package dev.resolvechain.testkit;

import java.util.Locale;

enum Transport {
    UDP,
    TCP;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
