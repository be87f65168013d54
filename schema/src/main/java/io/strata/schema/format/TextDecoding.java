package io.strata.schema.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides how text bytes are encoded from their first bytes: a byte order mark (UTF-8, UTF-16 LE/BE) wins;
 * otherwise UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (Latin-1), which every byte sequence is.
 *
 * @param charset the character set to decode with
 * @param bomLength bytes of byte order mark to skip
 */
public record TextDecoding(Charset charset, int bomLength) {

    public static TextDecoding sniff(byte[] head, int length, boolean complete) {
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new TextDecoding(StandardCharsets.UTF_8, 3);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new TextDecoding(StandardCharsets.UTF_16LE, 2);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new TextDecoding(StandardCharsets.UTF_16BE, 2);
        }
        int end = complete ? length : utf8Boundary(head, length);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(head, 0, end));
            return new TextDecoding(StandardCharsets.UTF_8, 0);
        } catch (CharacterCodingException e) {
            // A UTF-8 file with a few damaged bytes is still UTF-8: read as Latin-1, every one of its accented
            // letters would turn into two wrong ones without a word. Its bad bytes are reported row by row instead.
            long[] counts = utf8Sequences(head, end);
            return counts[0] > 0 && counts[0] >= 4 * counts[1]
                    ? new TextDecoding(StandardCharsets.UTF_8, 0)
                    : new TextDecoding(StandardCharsets.ISO_8859_1, 0);
        }
    }

    /** Valid multi-byte UTF-8 sequences and invalid bytes in {@code b[0, end)}. */
    static long[] utf8Sequences(byte[] b, int end) {
        long valid = 0;
        long invalid = 0;
        int i = 0;
        while (i < end) {
            int c = b[i] & 0xFF;
            int need = c < 0x80
                    ? 0
                    : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
            if (need == 0) {
                i++;
                continue;
            }
            boolean ok = need > 0 && i + need < end;
            for (int k = 1; ok && k <= need; k++) {
                ok = (b[i + k] & 0xC0) == 0x80;
            }
            if (ok) {
                valid++;
                i += need + 1;
            } else {
                invalid++;
                i++;
            }
        }
        return new long[] {valid, invalid};
    }

    /** Cuts a possibly split multi-byte sequence off the end of a prefix. */
    private static int utf8Boundary(byte[] b, int length) {
        int i = length;
        for (int k = 0; k < 3 && i > 0; k++) {
            int c = b[i - 1] & 0xFF;
            if (c < 0x80) {
                return length;
            }
            i--;
            if (c >= 0xC0) {
                return i; // a lead byte: drop it and its continuation bytes
            }
        }
        return length;
    }

    /** A decoder that replaces bad sequences with U+FFFD, so the reader can report the rows they are in. */
    public CharsetDecoder decoder() {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
}
