package dev.lectern.core.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends segment documents to the X-Ray daemon over UDP, as the X-Ray SDKs do: each packet is the
 * header line {@code {"format": "json", "version": 1}} and the document. Lambda runs the daemon
 * and names it in {@code AWS_XRAY_DAEMON_ADDRESS}. Tracing must never break or slow a call, so a
 * send never blocks (a non-blocking channel: a full buffer drops the packet) and never throws.
 */
final class XRayEmitter {

    private static final Logger LOG = LoggerFactory.getLogger(XRayEmitter.class);
    private static final byte[] HEADER = "{\"format\": \"json\", \"version\": 1}\n".getBytes(StandardCharsets.UTF_8);
    /** Where the daemon listens when the environment does not say. */
    static final String DEFAULT_ADDRESS = "127.0.0.1:2000";

    private final InetSocketAddress daemon;
    /** Opened on the first send, not at init: nothing is open in a SnapStart snapshot, and a function without traces opens nothing. */
    private DatagramChannel channel;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    XRayEmitter(InetSocketAddress daemon) {
        this.daemon = daemon;
    }

    /**
     * The emitter for {@code AWS_XRAY_DAEMON_ADDRESS}: the default address when it is unset, and
     * when it cannot be read either, so that a bad value loses traces, never the AWS clients.
     */
    static XRayEmitter forAddress(String address) {
        try {
            return new XRayEmitter(udpAddress(address == null || address.isBlank() ? DEFAULT_ADDRESS : address));
        } catch (RuntimeException e) {
            LOG.warn("AWS_XRAY_DAEMON_ADDRESS is not host:port; traces go to {}", DEFAULT_ADDRESS);
            return new XRayEmitter(udpAddress(DEFAULT_ADDRESS));
        }
    }

    /** {@code host:port}, or the daemon's two-protocol form {@code tcp:host:port udp:host:port}. */
    static InetSocketAddress udpAddress(String address) {
        String hostPort = address.trim();
        for (String part : hostPort.split("\\s+")) {
            if (part.startsWith("udp:")) {
                hostPort = part.substring("udp:".length());
            }
        }
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    InetSocketAddress daemon() {
        return daemon;
    }

    void send(byte[] document) {
        try {
            ByteBuffer packet = ByteBuffer.allocate(HEADER.length + document.length).put(HEADER).put(document).flip();
            channel().send(packet, daemon);
        } catch (IOException | RuntimeException e) {
            if (LOG.isDebugEnabled() && failureLogged.compareAndSet(false, true)) {
                LOG.debug("cannot send a trace subsegment to the X-Ray daemon at {}; further failures are not logged", daemon, e);
            }
        }
    }

    private synchronized DatagramChannel channel() throws IOException {
        if (channel == null) {
            DatagramChannel opened = DatagramChannel.open();
            opened.configureBlocking(false);
            channel = opened;
        }
        return channel;
    }
}
