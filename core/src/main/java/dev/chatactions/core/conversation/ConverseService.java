package dev.chatactions.core.conversation;

import dev.chatactions.core.action.MarkerStream;
import dev.chatactions.core.action.ParsedMarker;
import dev.chatactions.core.port.AssistantPort;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.TurnEnd;
import dev.chatactions.core.service.ConversationId;
import dev.chatactions.core.service.UserName;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The turn's rules. A message passes the caps, the user line is recorded, and the model runs on the
 * executor the app provides. Deltas go through {@link MarkerStream}; each complete marker is
 * reviewed and announced at once, but only <em>previewed</em>: its proposal is registered after the
 * assistant line is recorded, at the end, so nothing from a half reply is clickable and the history
 * reads user line, assistant line, proposals. A failed, cancelled or over-long reply is recorded as
 * far as it came, marked cut short.
 */
public final class ConverseService implements ConverseUseCase {

    private static final System.Logger LOG = System.getLogger(ConverseService.class.getName());
    private static final int MAX_OPENED = 10_000;
    private static final String UNEXPECTED = "The model failed unexpectedly; see the server log.";
    /** One daemon thread for every service's turn deadlines; a cancelled deadline is dropped at once. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final AssistantPort assistant;
    private final ReviewAssistantTextUseCase review;
    private final HistoryPort history;
    private final Clock clock;
    private final ConverseLimits limits;
    private final String systemPrompt;
    private final Executor executor;
    private final SecureRandom random = new SecureRandom();

    /** Guarded by itself: running turns by conversation, and counts per user. */
    private final Map<String, RunningTurn> running = new HashMap<>();
    private final Map<String, Integer> runningPerUser = new HashMap<>();
    /** Conversations opened but not yet written, oldest first; bounded. Guarded by itself. */
    private final Map<String, Boolean> opened = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_OPENED;
        }
    };

    /**
     * @param executor runs each turn's model call; the caps bound how many run at once
     * @param systemPrompt what the model is told about markers; see {@link SystemPrompt}
     */
    public ConverseService(AssistantPort assistant, ReviewAssistantTextUseCase review, HistoryPort history, Clock clock,
            ConverseLimits limits, String systemPrompt, Executor executor) {
        this.assistant = Objects.requireNonNull(assistant, "assistant");
        this.review = Objects.requireNonNull(review, "review");
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The model session of a conversation: a name-based UUID of user and conversation, stable across restarts. */
    public static UUID modelSession(String user, String conversation) {
        return UUID.nameUUIDFromBytes(("chat-actions:" + user + "/" + conversation).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String open(String user) {
        new UserName(user);
        String conversation = hex(6);
        synchronized (opened) {
            opened.put(key(user, conversation), Boolean.TRUE);
        }
        return conversation;
    }

    @Override
    public boolean exists(String user, String conversation) {
        if (!UserName.isValid(user) || conversation == null || !ConversationId.isValid(conversation)) {
            return false;
        }
        synchronized (opened) {
            if (opened.containsKey(key(user, conversation))) {
                return true;
            }
        }
        try (Stream<HistoryRecord> records = history.conversation(user, conversation)) {
            return records.anyMatch(ChatLine.class::isInstance);
        }
    }

    @Override
    public TurnStart send(SendMessageCommand command, TurnListener listener) {
        Objects.requireNonNull(listener, "listener");
        String user = command.user();
        String conversation = command.conversation();
        if (command.message().isBlank()) {
            return new TurnStart.Refused(Refusal.EMPTY, "the message is empty");
        }
        if (command.message().length() > limits.maxMessageChars()) {
            return new TurnStart.Refused(Refusal.TOO_LONG,
                    "the message is longer than " + limits.maxMessageChars() + " characters");
        }
        if (!exists(user, conversation)) {
            return new TurnStart.Refused(Refusal.UNKNOWN_CONVERSATION, "no such conversation");
        }
        RunningTurn turn = new RunningTurn("t-" + hex(8), user, conversation, limits.maxReplyChars());
        TurnStart refusal = claim(turn);
        if (refusal != null) {
            return refusal;
        }
        try {
            boolean resume = hasCompletedTurn(user, conversation);
            history.append(new ChatLine(clock.instant(), user, conversation, "user", command.message(),
                    new ChatLine.Turn(turn.id(), null, null)));
            synchronized (opened) {
                opened.remove(key(user, conversation));
            }
            AssistantRequest request = new AssistantRequest(user, conversation, command.message(),
                    modelSession(user, conversation), resume, systemPrompt);
            executor.execute(() -> run(turn, request, listener));
        } catch (RuntimeException e) {
            release(turn);
            throw e;
        }
        return new TurnStart.Started(turn);
    }

    /** Takes a slot for {@code turn}, or says why not (null when taken). */
    private TurnStart claim(RunningTurn turn) {
        String conversationKey = key(turn.user(), turn.conversation());
        synchronized (running) {
            RunningTurn current = running.get(conversationKey);
            if (current != null) {
                return new TurnStart.Busy(current.id());
            }
            int mine = runningPerUser.getOrDefault(turn.user(), 0);
            if (mine >= limits.turnsPerUser()) {
                return new TurnStart.TooMany(limits.retryAfter(), true);
            }
            if (running.size() >= limits.turnsInTotal()) {
                return new TurnStart.TooMany(limits.retryAfter(), false);
            }
            running.put(conversationKey, turn);
            runningPerUser.put(turn.user(), mine + 1);
            return null;
        }
    }

    private void release(RunningTurn turn) {
        synchronized (running) {
            running.remove(key(turn.user(), turn.conversation()));
            runningPerUser.computeIfPresent(turn.user(), (user, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** Whether an earlier turn completed in this model session, so the model resumes it. */
    private boolean hasCompletedTurn(String user, String conversation) {
        String session = modelSession(user, conversation).toString();
        try (Stream<HistoryRecord> records = history.conversation(user, conversation)) {
            return records.anyMatch(record -> record instanceof ChatLine line && line.turn() != null
                    && session.equals(line.turn().modelSession()) && line.turn().cutShort() == null);
        }
    }

    private void run(RunningTurn turn, AssistantRequest request, TurnListener listener) {
        Reply reply = new Reply(turn, listener);
        CancelSignal cancel = turn.signal();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> executor.execute(() -> reply.stop("The model took longer than "
                + limits.maxTurn().toSeconds() + " s and was stopped.", true)), limits.maxTurn().toMillis(), TimeUnit.MILLISECONDS);
        TurnEnd end;
        try {
            end = assistant.converse(request, reply, cancel);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the model adapter threw instead of ending the turn", e);
            end = new TurnEnd.Failed(UNEXPECTED, true);
        }
        deadline.cancel(false);
        TurnResult result;
        try {
            result = reply.finish(end, request.modelSession());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "turn " + turn.id() + " could not be finished", e);
            result = new TurnResult(turn.id(), TurnStatus.FAILED, UNEXPECTED, true, "");
        } finally {
            release(turn);
        }
        // Free before the end is announced: a message sent right after "done" must not find the conversation busy.
        reply.announceEnd(result);
    }

    /** One turn's reply as it grows: the cap, the marker stream, and how it ended. Deltas come one at a time. */
    private final class Reply implements Consumer<String> {

        private final RunningTurn turn;
        private final TurnListener listener;
        private final MarkerStream markers = new MarkerStream();
        private final ReplyText text;
        private final List<MarkerReview> reviewed = new ArrayList<>();
        /** Why we stopped the model ourselves (cap, deadline), and whether trying again may help. */
        private volatile String stoppedBecause;
        private volatile boolean stoppedRetryable;
        private boolean full;
        private boolean ended;

        Reply(RunningTurn turn, TurnListener listener) {
            this.turn = turn;
            this.listener = listener;
            this.text = turn.reply();
        }

        void stop(String why, boolean retryable) {
            synchronized (this) {
                if (ended || stoppedBecause != null || turn.signal().isCancelled()) {
                    return;
                }
                stoppedBecause = why;
                stoppedRetryable = retryable;
            }
            turn.signal().cancel(why);
        }

        @Override
        public void accept(String delta) {
            if (full || delta == null || delta.isEmpty()) {
                return;
            }
            String part = delta;
            int room = limits.maxReplyChars() - text.length();
            if (part.length() > room) {
                int cut = room > 0 && Character.isHighSurrogate(part.charAt(room - 1)) ? room - 1 : room;
                part = part.substring(0, cut);
                full = true;
            }
            if (!part.isEmpty()) {
                String kept = part;
                text.append(kept);
                safely(() -> listener.delta(kept));
                announce(markers.feed(kept));
            }
            if (full) {
                stop("The reply was longer than " + limits.maxReplyChars() + " characters and was cut short.", false);
            }
        }

        private void announce(List<ParsedMarker> parsed) {
            // By index: most deltas complete no marker, and an iterator would be an object per delta.
            for (int i = 0; i < parsed.size(); i++) {
                ParsedMarker marker = parsed.get(i);
                MarkerReview preview = review.preview(turn.user(), turn.conversation(), marker);
                reviewed.add(preview);
                safely(() -> listener.marker(preview));
            }
        }

        /** Records the reply and registers its offers; the result says how the turn ended. */
        TurnResult finish(TurnEnd end, UUID session) {
            synchronized (this) {
                ended = true; // a deadline passing from now on stops nothing
            }
            announce(markers.finish());
            TurnResult result = result(end);
            String reply = text.toString();
            try {
                history.append(new ChatLine(clock.instant(), turn.user(), turn.conversation(), "assistant", reply,
                        new ChatLine.Turn(turn.id(), session.toString(),
                                result.status() == TurnStatus.COMPLETED ? null : result.reason())));
                reviewed.stream().filter(MarkerReview.Offered.class::isInstance)
                        .forEach(offered -> review.register((MarkerReview.Offered) offered));
            } catch (HistoryException e) {
                LOG.log(System.Logger.Level.WARNING, "the reply of turn " + turn.id() + " could not be recorded", e);
                result = new TurnResult(turn.id(), TurnStatus.FAILED,
                        "The reply could not be recorded, so its actions are not offered.", true, reply);
            }
            return result;
        }

        void announceEnd(TurnResult result) {
            safely(() -> listener.done(result));
        }

        private TurnResult result(TurnEnd end) {
            String reply = text.toString();
            if (stoppedBecause != null) {
                return new TurnResult(turn.id(), TurnStatus.FAILED, stoppedBecause, stoppedRetryable, reply);
            }
            if (end instanceof TurnEnd.Failed failed) {
                return new TurnResult(turn.id(), TurnStatus.FAILED, failed.reason(), failed.retryable(), reply);
            }
            if (end instanceof TurnEnd.Cancelled cancelled) {
                return new TurnResult(turn.id(), TurnStatus.CANCELLED, cancelled.reason(), true, reply);
            }
            return new TurnResult(turn.id(), TurnStatus.COMPLETED, null, false, reply);
        }

        /** A listener that throws (a closed connection...) must not end the turn or lose the reply. */
        private void safely(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "a turn listener failed", e);
            }
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "converse-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static String key(String user, String conversation) {
        return user + "/" + conversation;
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
