package org.rostersync.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HTTP requests from a client address of the test's choosing: on Linux every 127.0.0.0/8 address is loopback, so a test
 * can be 127.0.0.2 and 127.0.0.3 at once. Neither the JDK's HttpClient nor HttpURLConnection binds the local address,
 * so this writes HTTP/1.1 on a socket of its own (one request a connection, {@code Connection: close}).
 */
public final class FromAddress {

    private final InetAddress local;
    private final URI base;

    public FromAddress(RunningApp.App app, String localAddress) {
        try {
            this.local = InetAddress.getByName(localAddress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.base = URI.create(app.baseUrl());
    }

    /** An answer: status, headers (names in lower case) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** GET with HTTP Basic. */
    public Answer get(String path, String user, String password) {
        return send("GET", path, List.of(basic(user, password)), null, null);
    }

    /** The console's sign-in form. */
    public Answer signIn(String username, String password) {
        String form = Map.of("username", username, "password", password).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send("POST", "/console/login", List.of(), "application/x-www-form-urlencoded", form);
    }

    public Answer send(String method, String path, List<String> headers, String contentType, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(h -> request.append(h).append("\r\n"));
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null || !method.equals("GET")) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Answer parse(InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] rest = in.readAllBytes(); // Connection: close: the body ends with the connection
        String body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = new String(dechunk(rest), StandardCharsets.UTF_8);
        } else {
            body = new String(rest, StandardCharsets.UTF_8);
        }
        return new Answer(status, headers, body);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the answer's head ended: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOfCrlf(chunked, at);
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return b.length;
    }

}
