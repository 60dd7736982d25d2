package dev.chatactions.app.http;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clients of {@link TurnStreamBenchmark}, in a JVM of their own (as browsers are not in the
 * server's): N clients on platform threads each open a conversation and run turns, reading each
 * turn's event stream over a plain socket. {@link System#nanoTime()} is the machine's monotonic
 * clock on Linux, shared by both JVMs, so a delta's stamp and its read time compare.
 *
 * <p>Two ways to read the streams: {@code blocking}, each client's thread blocked in its socket's
 * read, so a delta's time includes that thread's wake-up on a busy machine (as a browser's would);
 * {@code polling}, one thread that spins over every stream's non-blocking socket without ever
 * sleeping, so a delta's time is when its bytes reached the client's socket: the server's share.
 * That thread keeps one core busy, which the server then does not have.
 *
 * <p>Arguments: port, clients, turns per client, deltas per turn, {@code blocking} or {@code polling};
 * the session's cookie value, CSRF token and Origin come on stdin (one per line), not on the command
 * line. A warm-up of 4 clients with 2 turns each comes first and is not counted; then it prints
 * {@code measuring}, runs the turns, and prints one latency in nanoseconds per line, then
 * {@code end TURNS ERRORS STALLS NANOS}.
 */
public final class TurnStreamClients {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EVENTS = Pattern.compile("\"events\"\\s*:\\s*\"([^\"]+)\"");
    /** How long a stream may stay silent before its turn counts as a stall. */
    private static final long STREAM_TIMEOUT_MILLIS = 30_000;

    private final int port;
    private final int deltas;
    private final String cookie;
    private final String csrf;
    private final String origin;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();
    /** The spinning reader of every stream, or null when each client blocks in its own socket. */
    private final Poller poller;

    private TurnStreamClients(int port, int deltas, String cookie, String csrf, String origin, boolean polling) {
        this.port = port;
        this.deltas = deltas;
        this.cookie = cookie;
        this.csrf = csrf;
        this.origin = origin;
        this.poller = polling ? new Poller() : null;
    }

    public static void main(String[] args) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean polling = switch (args[4]) {
            case "blocking" -> false;
            case "polling" -> true;
            default -> throw new IllegalArgumentException("the reader is blocking or polling, not " + args[4]);
        };
        TurnStreamClients clients = new TurnStreamClients(Integer.parseInt(args[0]), Integer.parseInt(args[3]),
                stdin.readLine(), stdin.readLine(), stdin.readLine(), polling);
        if (polling) {
            Thread.ofPlatform().name("poller").daemon().start(clients.poller);
        }
        int count = Integer.parseInt(args[1]);
        int turns = Integer.parseInt(args[2]);
        // A fresh JVM compiles its reading code while it reads: warm it up first, then measure.
        clients.run(4, 2);
        clients.errors.set(0);
        clients.stalls.set(0);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        out.println("measuring");
        out.flush();
        long start = System.nanoTime();
        List<long[]> all = clients.run(count, turns);
        long nanos = System.nanoTime() - start;
        for (long[] latencies : all) {
            for (long latency : latencies) {
                out.println(latency);
            }
        }
        out.println("end " + count * turns + " " + clients.errors.get() + " " + clients.stalls.get() + " " + nanos);
        out.flush();
    }

    private List<long[]> run(int count, int turns) throws Exception {
        List<long[]> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("client-", 0).factory())) {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                futures.add(pool.submit(() -> client(turns)));
            }
            for (Future<long[]> future : futures) {
                all.add(future.get());
            }
        }
        return all;
    }

    private long[] client(int turns) throws Exception {
        Matcher opened = ID.matcher(post("/chat/new", "").body());
        if (!opened.find()) {
            errors.addAndGet(turns);
            return new long[0];
        }
        String conversation = opened.group(1);
        List<Long> latencies = new ArrayList<>(turns * deltas);
        for (int turn = 0; turn < turns; turn++) {
            HttpResponse<String> accepted = post("/chat/c/" + conversation + "/messages", "{\"message\":\"go\"}");
            Matcher events = EVENTS.matcher(accepted.body());
            if (accepted.statusCode() != 202 || !events.find()) {
                errors.incrementAndGet();
                continue;
            }
            if (read(events.group(1), latencies) != deltas) {
                stalls.incrementAndGet();
            }
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", Sessions.COOKIE + "=" + cookie)
                .header("X-CSRF-Token", csrf)
                .header("Origin", origin)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Reads one turn's stream; returns the deltas seen. Only deltas stamped after the stream was
     * connected count for latency: one made earlier waited for the connection, not for the server.
     */
    private int read(String events, List<Long> latencies) throws Exception {
        byte[] request = ("GET " + events + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + Sessions.COOKIE + "=" + cookie
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        TurnStream stream = new TurnStream(latencies);
        if (poller != null) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            poller.add(channel, stream);
            if (!stream.ended.await(STREAM_TIMEOUT_MILLIS * 2, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the poller did not end a stream");
            }
            return stream.seen;
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) STREAM_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (stream.line(line, System.nanoTime())) {
                    break;
                }
            }
            return stream.seen;
        }
    }

    /** What one turn's stream has shown so far, line by line, either way it is read. */
    private static final class TurnStream {
        private final List<Long> latencies;
        private final CountDownLatch ended = new CountDownLatch(1);
        private long connected = Long.MAX_VALUE;
        private int seen;

        TurnStream(List<Long> latencies) {
            this.latencies = latencies;
        }

        /** Takes a line that reached the client at {@code now}; true at {@code done}. */
        boolean line(String line, long now) {
            if (line.startsWith(": connected")) {
                connected = now;
            }
            int at = line.indexOf("\"text\":\"s");
            if (line.startsWith("data:") && at >= 0) {
                long stamp = TurnStreamBenchmark.stamp(line.substring(at + 8));
                if (stamp >= connected) {
                    latencies.add(now - stamp);
                }
                seen++;
                return false;
            }
            return line.startsWith("event:") && line.contains("done");
        }
    }

    /**
     * One platform thread reading every stream's non-blocking socket in turn, never sleeping: a read
     * that returns bytes is stamped at once, so the time is when they were in the client's socket.
     */
    private static final class Poller implements Runnable {
        private final Queue<Polled> added = new ConcurrentLinkedQueue<>();

        /** A stream being read: its socket, the line it is in the middle of, and when bytes last came. */
        private static final class Polled {
            private final SocketChannel channel;
            private final TurnStream stream;
            private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
            private long lastRead = System.nanoTime();

            Polled(SocketChannel channel, TurnStream stream) {
                this.channel = channel;
                this.stream = stream;
            }
        }

        void add(SocketChannel channel, TurnStream stream) {
            added.add(new Polled(channel, stream));
        }

        @Override
        public void run() {
            List<Polled> active = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            while (true) {
                for (Polled polled = added.poll(); polled != null; polled = added.poll()) {
                    active.add(polled);
                }
                boolean read = false;
                for (Iterator<Polled> it = active.iterator(); it.hasNext(); ) {
                    Polled polled = it.next();
                    buffer.clear();
                    boolean ended;
                    try {
                        int count = polled.channel.read(buffer);
                        long now = System.nanoTime();
                        read |= count > 0;
                        if (count > 0) {
                            polled.lastRead = now;
                        }
                        ended = count < 0 || lines(polled, buffer.flip(), now)
                                || now - polled.lastRead > TimeUnit.MILLISECONDS.toNanos(STREAM_TIMEOUT_MILLIS);
                    } catch (IOException e) {
                        ended = true;
                    }
                    if (ended) {
                        close(polled.channel);
                        polled.stream.ended.countDown();
                        it.remove();
                    }
                }
                if (!read) {
                    Thread.onSpinWait();
                }
            }
        }

        /** Hands each complete line to its stream; true at {@code done}. */
        private static boolean lines(Polled polled, ByteBuffer bytes, long now) {
            while (bytes.hasRemaining()) {
                byte b = bytes.get();
                if (b != '\n') {
                    polled.partialLine.write(b);
                    continue;
                }
                String line = polled.partialLine.toString(StandardCharsets.UTF_8).stripTrailing();
                polled.partialLine.reset();
                if (polled.stream.line(line, now)) {
                    return true;
                }
            }
            return false;
        }

        private static void close(SocketChannel channel) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a stream that ended: nothing to lose
            }
        }
    }
}
