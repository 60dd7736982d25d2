package dev.chatactions.core.identity;

/**
 * Resolves symbolic links, which takes the file system: core stays free of file I/O, the app
 * supplies the implementation.
 */
@FunctionalInterface
public interface PathResolver {

    /**
     * The path with every symbolic link resolved, also in its existing prefix when the path itself
     * does not exist yet (the part that does not exist is kept as written).
     */
    AbsolutePath realPath(AbsolutePath path);
}
