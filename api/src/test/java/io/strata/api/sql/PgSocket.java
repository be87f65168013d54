package io.strata.api.sql;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The PostgreSQL protocol at its lowest, for the tests a library cannot drive: a client that stops reading while
 * rows stream (so the query is still running in the server), and a CancelRequest sent at a chosen moment. Only
 * startup with a cleartext password and the simple query protocol.
 */
final class PgSocket implements AutoCloseable {

    /** A backend message: its type and body. */
    record Message(char type, byte[] body) {
        /** The value of field {@code code} of an ErrorResponse ('C' the SQLSTATE, 'M' the message). */
        String field(char code) {
            int i = 0;
            while (i < body.length && body[i] != 0) {
                int end = i + 1;
                while (body[end] != 0) {
                    end++;
                }
                if (body[i] == code) {
                    return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
                }
                i = end + 1;
            }
            return null;
        }
    }

    private final int port;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    int processId;
    int secretKey;

    PgSocket(int port, String token) {
        this.port = port;
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            socket.setReceiveBufferSize(64 * 1024);
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
            byte[] parameters = "user\0bi\0database\0strata\0\0".getBytes(StandardCharsets.UTF_8);
            out.writeInt(8 + parameters.length);
            out.writeInt(196608);
            out.write(parameters);
            out.flush();
            Message auth = read();
            if (auth.type() != 'R') {
                throw new IllegalStateException("expected an authentication request, got " + auth.type());
            }
            byte[] password = (token + "\0").getBytes(StandardCharsets.UTF_8);
            out.writeByte('p');
            out.writeInt(4 + password.length);
            out.write(password);
            out.flush();
            for (Message m = read(); m.type() != 'Z'; m = read()) {
                if (m.type() == 'K') {
                    processId = (m.body()[0] & 0xff) << 24
                            | (m.body()[1] & 0xff) << 16
                            | (m.body()[2] & 0xff) << 8
                            | (m.body()[3] & 0xff);
                    secretKey = (m.body()[4] & 0xff) << 24
                            | (m.body()[5] & 0xff) << 16
                            | (m.body()[6] & 0xff) << 8
                            | (m.body()[7] & 0xff);
                }
                if (m.type() == 'E') {
                    throw new IllegalStateException("startup failed: " + m.field('M'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void query(String sql) {
        try {
            byte[] text = (sql + "\0").getBytes(StandardCharsets.UTF_8);
            out.writeByte('Q');
            out.writeInt(4 + text.length);
            out.write(text);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Message read() {
        try {
            char type = (char) in.readUnsignedByte();
            int length = in.readInt();
            byte[] body = new byte[length - 4];
            in.readFully(body);
            return new Message(type, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a CancelRequest for this session on a new connection, as libpq does. */
    void cancel() {
        try (Socket cancel = new Socket("127.0.0.1", port);
                DataOutputStream request = new DataOutputStream(cancel.getOutputStream())) {
            request.writeInt(16);
            request.writeInt(80877102);
            request.writeInt(processId);
            request.writeInt(secretKey);
            request.flush();
            cancel.getInputStream().read(); // the server closes it without an answer
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
