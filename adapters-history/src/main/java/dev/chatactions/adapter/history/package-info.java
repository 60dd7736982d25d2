/**
 * The history as NDJSON files: {@link dev.chatactions.adapter.history.NdjsonHistory} (the
 * {@code HistoryPort} over {@code CHAT_HISTORY_DIR}) and {@link dev.chatactions.adapter.history.HistoryFile}
 * (one file at any path: append, read, {@code verify}).
 *
 * <p>Layout: {@code {dir}/{user}/{conversation}.ndjson}, {@code {dir}/{user}/actions.ndjson} for
 * records without a conversation; directories 0700, files 0600. Beside each file this adapter
 * keeps {@code {file}.lock} (the lock appenders take across processes) and, after a crash,
 * {@code {file}.torn-{timestamp}} (the bytes of a torn last line).
 *
 * <p>One JSON object per line, fields in this order, absent fields left out:
 * <ul>
 *   <li>chat: {@code ts, user, role, content} (also written by other programs); a turn of our own
 *       adds {@code turn, model_session, cut_short, seq, prev} (chained like the lines below);
 *   <li>proposal: {@code ts, user, role:"proposal", conversation, id, type, payload, digest, seq, prev};
 *   <li>action: {@code ts, user, role:"action", conversation, type, key, proposal (null when none),
 *       request, status, response, result, failure, reasons, replay_of, seq, prev}.
 * </ul>
 * Payloads are in PayloadJson's canonical form. {@code seq} is the line's 1-based number in its
 * file; {@code prev} is the hex SHA-256 of the bytes from the start of the previous chained
 * line (or of the file) to the end of the line before, without its newline: the previous
 * line's hash when that is a chained line, and chat lines between are covered too. {@code ""} in
 * the first line.
 */
package dev.chatactions.adapter.history;
