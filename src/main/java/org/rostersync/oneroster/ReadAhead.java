package org.rostersync.oneroster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Parses on a second thread while the caller checks rows on its own: decoding and CSV lexing take about as long as
 * the checks, and the machines have two cores. Rows travel in batches through a small bounded queue, so memory stays
 * flat; a format error arrives after every row read before it, exactly where the sequential reader would throw it.
 */
final class ReadAhead implements Iterator<CsvRow>, AutoCloseable {

    private static final int BATCH = 512;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(8);
    private final Thread thread;
    private Iterator<CsvRow> current = Collections.emptyIterator();
    private boolean ended;

    ReadAhead(Iterator<CsvRow> source, String name) {
        thread = new Thread(() -> produce(source), "read-ahead " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(Iterator<CsvRow> source) {
        List<CsvRow> batch = new ArrayList<>(BATCH);
        try {
            while (source.hasNext()) {
                batch.add(source.next());
                if (batch.size() == BATCH) {
                    queue.put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            queue.put(batch);
            queue.put(END);
        } catch (RuntimeException | Error e) {
            // Even an Error must reach the consumer, or it would wait on the queue forever.
            try {
                queue.put(batch);
                queue.put(e instanceof RuntimeException r ? r : new IllegalStateException("reading stopped: " + e, e));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException stopped) {
            // closed by the consumer: stop reading
            Thread.currentThread().interrupt();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (ended) {
                return false;
            }
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
            if (next == END) {
                ended = true;
            } else if (next instanceof RuntimeException failure) {
                ended = true;
                throw failure;
            } else {
                current = ((List<CsvRow>) next).iterator();
            }
        }
        return true;
    }

    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    /** Stops the reading thread (it may be blocked on a full queue) and waits for it, so the file can be closed. */
    @Override
    public void close() {
        thread.interrupt();
        queue.clear();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
