package org.carerelay.shared;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread that runs a pass of work each time it is woken, and also every {@code idle} without a wake-up.
 * Wake-ups that arrive during a pass are folded into one more pass: the pass serves everything that came before
 * it began. With a {@code linger}, a pass waits that long after its wake-up, so that the wake-ups of a busy moment
 * share one pass (as a database groups commits).
 */
public final class WakeableLoop {

    private final String name;
    private final Duration idle;
    private final Duration linger;
    private final Runnable pass;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public WakeableLoop(String name, Duration idle, Runnable pass) {
        this(name, idle, Duration.ZERO, pass);
    }

    public WakeableLoop(String name, Duration idle, Duration linger, Runnable pass) {
        this.name = name;
        this.idle = idle;
        this.linger = linger;
        this.pass = pass;
    }

    /** Asks for a pass soon; never blocks. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    public void start() {
        running = true;
        thread = new Thread(this::runUntilStopped, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread, waiting a little for a pass under way to end. */
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(idle.toMillis() * 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void runUntilStopped() {
        while (running) {
            try {
                if (wakeUps.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS) && !linger.isZero()) {
                    Thread.sleep(linger.toMillis());
                }
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            pass.run();
        }
    }
}
