package dev.chatactions.core.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which URLs from an upstream (or from a stored line) may become links on a page: {@code http} or
 * {@code https}, no user info, and a host of the configured forge or CI server. Anything else, a
 * {@code javascript:} URL included, is shown as text. The history keeps the URL as the upstream gave
 * it; this rule is asked each time it is shown, so no old or edited line can bring a link in either.
 */
public final class LinkTargets {

    private final Set<String> hosts;

    private LinkTargets(Set<String> hosts) {
        this.hosts = hosts;
    }

    /** Links to the hosts of {@code roots} (the forge's and the CI server's URLs); none for no roots. */
    public static LinkTargets to(Collection<URI> roots) {
        return new LinkTargets(roots.stream().map(URI::getHost).filter(Objects::nonNull)
                .map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean isLink(String url) {
        if (url == null || url.isEmpty()) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException notAUrl) {
            return false;
        }
        String scheme = uri.getScheme();
        return scheme != null
                && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && uri.getRawUserInfo() == null
                && uri.getHost() != null
                && hosts.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }
}
