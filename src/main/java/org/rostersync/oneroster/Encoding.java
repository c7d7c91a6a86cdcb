package org.rostersync.oneroster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The encodings a rostering file is read in. OneRoster files are UTF-8, but older SIS exports still write Windows-1252
 * (accented names), and spreadsheet tools save "Unicode text" as UTF-16. Reading those as UTF-8 would replace every
 * accented letter, or read nothing at all; reading them as what they are keeps the names.
 */
public enum Encoding {

    UTF_8(StandardCharsets.UTF_8, 0, "UTF-8"),
    WINDOWS_1252(Charset.forName("windows-1252"), 1, "Windows-1252"),
    UTF_16LE(StandardCharsets.UTF_16LE, 2, "UTF-16 (little-endian)"),
    UTF_16BE(StandardCharsets.UTF_16BE, 2, "UTF-16 (big-endian)");

    private final Charset charset;
    private final int width;
    private final String label;

    Encoding(Charset charset, int width, String label) {
        this.charset = charset;
        this.width = width;
        this.label = label;
    }

    public Charset charset() {
        return charset;
    }

    /** Bytes per char when every char takes the same number (surrogates included), or 0 (UTF-8: 1 to 3). */
    int width() {
        return width;
    }

    /** The fewest bytes a char takes: what a position advances by where every char takes the same. */
    int unit() {
        return Math.max(1, width);
    }

    /** How an operator knows the encoding. */
    public String label() {
        return label;
    }

    /** What a file's first bytes say: the encoding to start reading in, and how many bytes of byte order mark to skip. */
    record Start(Encoding encoding, int bom) {
    }

    /** The first bytes of a file: a byte order mark, or the zero bytes every ASCII character has in UTF-16. */
    static Start sniff(byte[] head, int length) {
        int b0 = length > 0 ? head[0] & 0xff : -1;
        int b1 = length > 1 ? head[1] & 0xff : -1;
        int b2 = length > 2 ? head[2] & 0xff : -1;
        int b3 = length > 3 ? head[3] & 0xff : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            return new Start(UTF_8, 3);
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return new Start(UTF_16LE, 2);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return new Start(UTF_16BE, 2);
        }
        // no mark: a header of ASCII names reads x 0 x 0 in UTF-16LE and 0 x 0 x in UTF-16BE; no UTF-8 text starts so
        if (length >= 4 && b0 != 0 && b1 == 0 && b2 != 0 && b3 == 0) {
            return new Start(UTF_16LE, 0);
        }
        if (length >= 4 && b0 == 0 && b1 != 0 && b2 == 0 && b3 != 0) {
            return new Start(UTF_16BE, 0);
        }
        return new Start(UTF_8, 0);
    }

    static Start sniff(Path path) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(path)) {
            byte[] head = new byte[4];
            return sniff(head, in.readNBytes(head, 0, head.length));
        }
    }

    /**
     * Whether the file, from a byte that is not UTF-8 on (all before it being ASCII), holds no UTF-8 sequence of two or
     * more bytes: then it is a Windows-1252 file, not a UTF-8 file with a stray byte. A file holding both is read as
     * UTF-8, its undecodable cells reported: guessing there would change the names that are right.
     */
    static boolean restIsWindows1252(Path path, long from) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long position = from;
            int pending = 0; // continuation bytes still expected by the current lead byte
            int seen = 0;    // continuation bytes seen for it
            while (true) {
                buffer.clear();
                int read = channel.read(buffer, position);
                if (read < 0) {
                    return true;
                }
                position += read;
                for (int i = 0; i < read; i++) {
                    int b = buffer.get(i) & 0xff;
                    if (pending > 0 && (b & 0xC0) == 0x80) {
                        if (++seen == pending) {
                            return false; // a whole multi-byte sequence: UTF-8 text
                        }
                        continue;
                    }
                    pending = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : 0;
                    seen = 0;
                }
            }
        }
    }
}
