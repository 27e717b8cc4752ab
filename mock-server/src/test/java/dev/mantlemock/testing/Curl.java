package dev.mantlemock.testing;

import java.io.IOException;

/** Tests that drive the real curl skip (not fail) on a machine without it. */
public final class Curl {
    private Curl() {}

    public static boolean available() {
        try {
            return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
