package dev.mantlemock.architecture.cycle.a;

import dev.mantlemock.architecture.cycle.b.Right;

/** Half of a deliberate package cycle: proves that the cycle rule can fail. */
public class Left {
    Right right;
}
