package dev.resolvechain.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A source of the chain read again (alias source, hosts file, resolv.conf), taken or refused. */
@Name("dev.resolvechain.Reload")
@Label("resolvechain reload")
@Category("resolvechain")
@Description("A source of the chain read again: the alias source, the hosts file or resolv.conf; taken, or refused with the last good state kept")
@StackTrace(false)
final class ReloadEvent extends Event {
    @Label("Source")
    String source;

    @Label("Taken")
    @Description("Whether what was read is now in force; false: refused, the last good state stays")
    boolean taken;

    @Label("Detail")
    String detail;

    static void commit(String source, boolean taken, String detail) {
        ReloadEvent event = new ReloadEvent();
        if (event.shouldCommit()) {
            event.source = source;
            event.taken = taken;
            event.detail = detail;
            event.commit();
        }
    }
}
