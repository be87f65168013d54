package io.strata.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which PostgreSQL database a stack's Strata uses when none is configured: its own, so that two checkouts (two stack
 * homes) on one machine never share datasets and tasks that point at each other's S3 store. The name is recorded in
 * the stack's home ({@value #RECORD}) at its first start and read back afterwards; a new home gets
 * {@code strata_<8 hex digits of its path's SHA-256>}, and a home made before databases were per stack keeps
 * {@code strata}, where its data is.
 */
final class StackDatabase {

    static final String RECORD = "postgres-database";
    private static final String LEGACY = "strata";

    private StackDatabase() {}

    static String nameFor(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        Path recorded = absolute.resolve(RECORD);
        try {
            if (Files.isRegularFile(recorded)) {
                String name = Files.readString(recorded, StandardCharsets.UTF_8).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the stack's database name from " + recorded, e);
        }
        if (Files.isDirectory(absolute.resolve("druid/metadata"))) {
            return LEGACY;
        }
        return "strata_" + shortHash(absolute.toString());
    }

    /** Writes the database's name into the stack's home unless one is recorded there. */
    static void record(Path home, String database) {
        Path recorded = home.resolve(RECORD);
        if (Files.exists(recorded)) {
            return;
        }
        DruidServices.write(recorded, database + "\n");
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
