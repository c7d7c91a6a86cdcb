package org.rostersync.security;

import org.junit.jupiter.api.Test;
import org.rostersync.security.OAuth1Signature.Param;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Our signature code against vectors published by others: RFC 5849's own examples and Twitter's signing guide. */
class OAuth1SignatureTest {

    @Test
    void rfc5849BaseStringExampleOfSection3411IsReproducedFromTheRawRequest() {
        // RFC 5849 §3.4.1.1: POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b, body c2&a3=2+q, the header below
        List<Param> params = new ArrayList<>(OAuth1Signature.headerParameters("OAuth realm=\"Example\","
                + " oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_token=\"kkk9d7dh3k39sjv7\","
                + " oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131201\", oauth_nonce=\"7d8f3e4a\","
                + " oauth_signature=\"bYT5CMsGcbgUdFHObYMEfcx6bsw%3D\""));
        params.addAll(OAuth1Signature.formParameters("b5=%3D%253D&a3=a&c%40=&a2=r%20b"));
        params.addAll(OAuth1Signature.formParameters("c2&a3=2+q"));

        assertEquals("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D"
                        + "%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
                        + "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
                OAuth1Signature.baseString("post", OAuth1Signature.baseUri("HTTP", "Example.com", 80, "/request"), params));
    }

    @Test
    void rfc5849Section12PhotosRequestSignsToThePublishedSignature() {
        List<Param> params = new ArrayList<>(OAuth1Signature.headerParameters("OAuth realm=\"Photos\","
                + " oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_token=\"nnch734d00sl2jdk\", oauth_signature_method=\"HMAC-SHA1\","
                + " oauth_timestamp=\"137131202\", oauth_nonce=\"chapoH\", oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\""));
        params.addAll(OAuth1Signature.formParameters("file=vacation.jpg&size=original"));
        String base = OAuth1Signature.baseString("GET",
                OAuth1Signature.baseUri(java.net.URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original")), params);

        assertEquals("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03"
                + "%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202"
                + "%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal", base);
        assertEquals("MdpQcU8iPSUjWoN/UDMsK2sui9I=", OAuth1Signature.sign("HMAC-SHA1", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00", base));
    }

    @Test
    void twittersCreatingASignatureExampleSignsToItsPublishedSignature() {
        List<Param> params = new ArrayList<>(OAuth1Signature.formParameters("include_entities=true"));
        params.addAll(OAuth1Signature.formParameters("status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21"));
        params.addAll(List.of(new Param("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"),
                new Param("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
                new Param("oauth_signature_method", "HMAC-SHA1"), new Param("oauth_timestamp", "1318622958"),
                new Param("oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"), new Param("oauth_version", "1.0")));
        String base = OAuth1Signature.baseString("POST", "https://api.twitter.com/1.1/statuses/update.json", params);

        assertEquals("hCtSmYh+iHYCEqBWrE7C7hYmtUk=", OAuth1Signature.sign("HMAC-SHA1",
                "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE", base));
    }

    @Test
    void percentEncodingKeepsOnlyUnreservedCharactersAndEncodesUtf8Bytes() {
        assertEquals("Ladies%20%2B%20Gentlemen%21%2A%27~-._", OAuth1Signature.encode("Ladies + Gentlemen!*'~-._"));
        assertEquals("%E2%98%83%C3%A9", OAuth1Signature.encode("☃é"));
        assertEquals("☃é", OAuth1Signature.decode("%E2%98%83%C3%A9"));
        assertEquals("a😀b c", OAuth1Signature.decode("a😀b%20c"));
        assertEquals("%F0%9F%98%80", OAuth1Signature.encode("😀"));
    }

    @Test
    void baseUriDropsDefaultPortsQueryAndLowersSchemeAndHost() {
        assertEquals("https://www.example.net:8080/?q=1".replace("/?q=1", "/"),
                OAuth1Signature.baseUri(java.net.URI.create("HTTPS://WWW.Example.NET:8080/?q=1")));
        assertEquals("https://example.net/a%20b", OAuth1Signature.baseUri(java.net.URI.create("https://example.net:443/a%20b")));
    }

    @Test
    void unquotedOrMalformedHeaderParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OAuth1Signature.headerParameters("OAuth oauth_nonce=abc"));
        assertThrows(IllegalArgumentException.class, () -> OAuth1Signature.headerParameters("Basic abc"));
        assertThrows(IllegalArgumentException.class, () -> OAuth1Signature.headerParameters("OAuth oauth_nonce=\"%zz\""));
    }
}
