package org.rostersync.tenant;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Allowed networks: CIDR of either family, the boundaries of a prefix, and IPv4 clients seen through IPv6 sockets. */
class AllowedNetworkTest {

    @Test
    void aNetworkHoldsExactlyTheAddressesOfItsPrefix() throws Exception {
        AllowedNetwork net = AllowedNetwork.parse("203.0.113.64/26");
        assertTrue(net.contains(InetAddress.getByName("203.0.113.64")));
        assertTrue(net.contains(InetAddress.getByName("203.0.113.127")));
        assertFalse(net.contains(InetAddress.getByName("203.0.113.128")));
        assertFalse(net.contains(InetAddress.getByName("203.0.113.63")));
        assertTrue(AllowedNetwork.parse("0.0.0.0/0").contains(InetAddress.getByName("198.51.100.1")));
        assertTrue(AllowedNetwork.parse("198.51.100.1").contains(InetAddress.getByName("198.51.100.1")));
        assertFalse(AllowedNetwork.parse("198.51.100.1").contains(InetAddress.getByName("198.51.100.2")));
    }

    @Test
    void ipv6NetworksHoldIpv6AddressesAndAMappedIpv4ClientIsItsIpv4Address() throws Exception {
        AllowedNetwork v6 = AllowedNetwork.parse("2001:db8:abcd::/48");
        assertTrue(v6.contains(InetAddress.getByName("2001:db8:abcd:12::1")));
        assertFalse(v6.contains(InetAddress.getByName("2001:db8:abce::1")));
        assertFalse(AllowedNetwork.parse("::/0").contains(InetAddress.getByName("10.0.0.1")), "families do not mix");
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 7;
        assertTrue(AllowedNetwork.parse("10.0.0.0/8").contains(java.net.Inet6Address.getByAddress(null, mapped, -1)));
        assertEquals("2001:db8:abcd:0:0:0:0:0/48", v6.toString());
    }

    @Test
    void textThatIsNotAnAddressOrHasBitsPastItsPrefixIsRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AllowedNetwork.parse("10.1.2.3/8")).getMessage()
                .contains("the network is 10.0.0.0/8"));
        for (String bad : new String[]{"localhost", "10.0.0", "256.1.1.1", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "::1/129",
                "", "fe80::1%eth0", "10.0.0.0/8/8", " ", "1.2.3.4 5"}) {
            assertThrows(IllegalArgumentException.class, () -> AllowedNetwork.parse(bad), bad);
        }
    }
}
