package dev.chatactions.core.upstream;

/** Sends one request once; the adapters implement it over java.net.http. */
@FunctionalInterface
public interface Transport {

    /**
     * @throws TransportException when no answer came; it says whether the request left
     * @throws InterruptedException when the calling thread was interrupted while waiting
     */
    UpstreamAnswer send(PlannedRequest request) throws TransportException, InterruptedException;
}
