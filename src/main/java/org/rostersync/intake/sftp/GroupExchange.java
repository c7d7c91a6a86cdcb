package org.rostersync.intake.sftp;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.DHG;
import org.apache.sshd.common.kex.KeyExchange;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.kex.DHGEXServer;
import org.apache.sshd.server.session.ServerSession;

/**
 * Diffie-Hellman group exchange whose requests for groups smaller than any the server has (ssh-audit probes 512 to
 * 1536 bits on every scan) are refused connections, logged at most once a minute ({@link RefusedConnections}). MINA
 * logs each such probe at ERROR, then again at WARN: any stranger could fill the log with them.
 */
final class GroupExchange extends DHGEXServer {

    private final RefusedConnections refusals;

    private GroupExchange(DHFactory factory, Session session, RefusedConnections refusals) {
        super(factory, session);
        this.refusals = refusals;
    }

    static KeyExchangeFactory factory(DHFactory dh, RefusedConnections refusals) {
        return new KeyExchangeFactory() {
            @Override
            public String getName() {
                return dh.getName();
            }

            @Override
            public KeyExchange createKeyExchange(Session session) {
                return new GroupExchange(dh, session, refusals);
            }
        };
    }

    @Override
    protected DHG chooseDH(int min, int prf, int max) throws Exception {
        ServerSession session = getServerSession();
        if (selectModuliGroups(session, min, prf, max, loadModuliGroups(session)).isEmpty()) {
            refusals.refused(session, "its key exchange asked for a Diffie-Hellman group of " + min + " to " + max
                    + " bits, smaller than any offered (scanners such as ssh-audit probe for them)");
            // closed at once: MINA then notes the exception below at debug level instead of a WARN line per probe
            session.close(true);
            throw new SshException(SshConstants.SSH2_DISCONNECT_KEY_EXCHANGE_FAILED,
                    "no Diffie-Hellman group of " + min + " to " + max + " bits");
        }
        return super.chooseDH(min, prf, max);
    }
}
