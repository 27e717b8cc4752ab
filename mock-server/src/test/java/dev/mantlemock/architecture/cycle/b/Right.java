package dev.mantlemock.architecture.cycle.b;

import dev.mantlemock.architecture.cycle.a.Left;

/** The other half of the deliberate package cycle. */
public class Right {
    Left left;
}
