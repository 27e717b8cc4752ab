/**
 * What a client of Mantle needs, written once: the SigV4 and bearer signers, the example principal, and an
 * SSE reader. Used by the server where it is a client itself (the recorder's upstream calls) and by the
 * test kit, the contract suite and the load tests. Depends on nothing else of the project.
 */
package dev.mantlemock.client;
