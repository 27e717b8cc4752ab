/**
 * The test kit: a {@link dev.mantlemock.kit.MantleMock} started in process on a free loopback port, and a
 * Java DSL for answers, faults, quotas and verification. The DSL writes the same fixtures, fault rules and
 * quota settings the admin API and the fixture files do ({@code fixtures}, {@code faults}, {@code quota}):
 * there is one implementation of matching and of faults. The JUnit 5 extension lives in the module
 * {@code mantle-mock-junit}; this package needs no test framework.
 */
package dev.mantlemock.kit;
