/*
 * ipcref: the native reference for ipcbench. The same mechanisms as the Java transports, driven
 * the way the Java benchmarks drive them, so that a Java figure can be read as a ratio to C on
 * the same machine in the same session.
 *
 *   cc -O2 -o ipcref ipcref.c
 *   ipcref roundtrip MECH SIZE [options]   one message to an echo process and back
 *   ipcref stream    MECH SIZE [options]   a one-way stream to a sink process, receiver-timed
 *   ipcref memcpy    -    SIZE [options]   memcpy bandwidth in one process (the rings' ceiling)
 *
 * MECH: pipe fifo uds tcp udp uds-dgram uds-seqpacket ring cacheline
 *   stream mechanisms (pipe fifo uds tcp) carry a 4-byte big-endian length before each message,
 *   sent with one system call (a write of a staged copy up to 8 KiB, else a writev), and read
 *   through a 64 KiB read-ahead buffer, as FramedStreamTransport;
 *   message mechanisms (udp uds-dgram uds-seqpacket) send one datagram or record per message;
 *   ring is the layout of RingDescriptor (version 2): the consumer polls the next record's
 *   header, whose length is written last with a release store;
 *   cacheline ping-pongs one cache line between the two processes: the floor of any round trip
 *   through shared memory.
 *
 * options:
 *   --cpu N --peer-cpu N    pin this process and the peer (sched_setaffinity); default unpinned
 *   --warmup-ms N           default 500;  --measure-ms N   default 1000
 *   --wait spin|yield       how ring and cacheline sides wait (default spin)
 *   --ring-capacity BYTES   bytes per ring direction, a power of two (default 1 MiB)
 *   --span BYTES            memcpy: the blocks walk through this many bytes (default SIZE)
 *
 * Output: one line of JSON. roundtrip: meanNs (an untimed-per-operation pass: elapsed / count)
 * and p50Ns..maxNs (a second pass timing every round trip). stream: the sink counts messages
 * and bytes between a start and a stop marker and times them itself; msgsPerSec and mbPerSec
 * (10^6 bytes) are what it received. memcpy: mbPerSec of one core copying SIZE-byte blocks.
 * Every payload is checked: its length always, its bytes every 1024th message.
 * Exit codes: 0 measured, 1 failed, 2 bad arguments.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define READ_AHEAD (64 * 1024)
#define STAGED (8 * 1024)
#define VERIFY_EVERY 1024
#define MAX_SAMPLES (1 << 22)
#define CONTROL_LEN 16

static const char CONTROL_MAGIC[8] = {'I', 'P', 'C', 'R', 'E', 'F', 'C', 'T'};
enum { CTL_START = 1, CTL_STOP = 2, CTL_REPORT = 3 };

static struct {
    const char *op, *mech, *wait;
    size_t size, ring_capacity, span;
    int cpu, peer_cpu;
    long warmup_ms, measure_ms;
} O = {NULL, NULL, "spin", 0, 1 << 20, 0, -1, -1, 500, 1000};

static void die(const char *what) {
    fprintf(stderr, "ipcref: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void fail(const char *what) {
    fprintf(stderr, "ipcref: %s\n", what);
    exit(1);
}

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void pin(int cpu) {
    if (cpu < 0) return;
    cpu_set_t s;
    CPU_ZERO(&s);
    CPU_SET(cpu, &s);
    if (sched_setaffinity(0, sizeof s, &s)) die("sched_setaffinity");
}

/* The payload: xorshift bytes whose first byte never starts a control message. */
static void fill(uint8_t *p, size_t n) {
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        p[i] = (uint8_t)x;
    }
    if (n > 0 && p[0] == (uint8_t)CONTROL_MAGIC[0]) p[0]++;
}

static int is_control(const uint8_t *p, size_t n) {
    return n == CONTROL_LEN && memcmp(p, CONTROL_MAGIC, 8) == 0;
}

static void control(uint8_t *p, uint32_t code, uint64_t a) {
    memcpy(p, CONTROL_MAGIC, 8);
    memcpy(p + 8, &code, 4);
    memcpy(p + 12, &a, 4);
}

/* ---- channels ------------------------------------------------------------------------------ */

typedef struct ring ring_t;

typedef struct {
    int rfd, wfd;
    int framed;               /* 4-byte length prefix over a byte stream */
    uint8_t *ahead;           /* read-ahead buffer (framed) */
    uint8_t *staging;         /* a small frame, header and payload (framed) */
    size_t ahead_pos, ahead_len;
    ring_t *out, *in;         /* ring mechanism */
    volatile uint64_t *line;  /* cacheline mechanism */
} chan_t;

static void write_all_iov(int fd, struct iovec *v, int cnt, size_t total) {
    size_t done = 0;
    while (done < total) {
        ssize_t w = writev(fd, v, cnt);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("writev");
        }
        done += (size_t)w;
        size_t k = (size_t)w;
        for (int i = 0; i < cnt && k; i++) {
            size_t t = k < v[i].iov_len ? k : v[i].iov_len;
            v[i].iov_base = (char *)v[i].iov_base + t;
            v[i].iov_len -= t;
            k -= t;
        }
    }
}

/* A frame of up to STAGED bytes is copied behind its header and sent with one write (cheaper for
 * the kernel than a writev); a larger one goes out with one writev. FramedStreamTransport does the
 * same. */
static void framed_send(chan_t *c, const uint8_t *p, uint32_t n) {
    uint32_t h = htonl(n);
    if (4 + (size_t)n <= STAGED) {
        memcpy(c->staging, &h, 4);
        memcpy(c->staging + 4, p, n);
        struct iovec v[1] = {{c->staging, 4 + (size_t)n}};
        write_all_iov(c->wfd, v, 1, 4 + (size_t)n);
        return;
    }
    struct iovec v[2] = {{&h, 4}, {(void *)p, n}};
    write_all_iov(c->wfd, v, 2, 4 + (size_t)n);
}

/* Reads until at least `need` bytes are buffered; 0 at end of stream. */
static int framed_fill(chan_t *c, size_t need) {
    if (c->ahead_pos > 0) {
        memmove(c->ahead, c->ahead + c->ahead_pos, c->ahead_len - c->ahead_pos);
        c->ahead_len -= c->ahead_pos;
        c->ahead_pos = 0;
    }
    while (c->ahead_len < need) {
        ssize_t r = read(c->rfd, c->ahead + c->ahead_len, READ_AHEAD - c->ahead_len);
        if (r == 0) return 0;
        if (r < 0) {
            if (errno == EINTR) continue;
            die("read");
        }
        c->ahead_len += (size_t)r;
    }
    return 1;
}

/* Receives one message into out; returns its length, or -1 at end of stream. */
static long framed_recv(chan_t *c, uint8_t *out, size_t room) {
    if (c->ahead_len - c->ahead_pos < 4 && !framed_fill(c, 4)) return -1;
    uint32_t n;
    memcpy(&n, c->ahead + c->ahead_pos, 4);
    n = ntohl(n);
    c->ahead_pos += 4;
    if (n > room) fail("message larger than the receive buffer");
    size_t buffered = c->ahead_len - c->ahead_pos;
    size_t have = buffered < n ? buffered : n;
    memcpy(out, c->ahead + c->ahead_pos, have);
    c->ahead_pos += have;
    size_t got = have;
    while (got < n) { /* the rest straight into the destination, never past the message */
        ssize_t r = read(c->rfd, out + got, n - got);
        if (r == 0) return -1;
        if (r < 0) {
            if (errno == EINTR) continue;
            die("read");
        }
        got += (size_t)r;
    }
    return n;
}

static void msg_send(chan_t *c, const uint8_t *p, size_t n) {
    for (;;) {
        ssize_t w = send(c->wfd, p, n, 0);
        if (w == (ssize_t)n) return;
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) die("send");
        fail("a datagram went out in part");
    }
}

static long msg_recv(chan_t *c, uint8_t *out, size_t room) {
    for (;;) {
        ssize_t r = recv(c->rfd, out, room, 0);
        if (r > 0) return r;
        if (r == 0) return -1; /* seqpacket: orderly close */
        if (errno == EINTR) continue;
        if (errno == ECONNREFUSED || errno == ECONNRESET) return -1;
        die("recv");
    }
}

/* ---- the ring (RingDescriptor version 2) ----------------------------------------------------- */

#define HEADER_LENGTH 256
#define RING_OVERHEAD 256
#define OFF_PRODUCER_POSITION 0
#define OFF_PRODUCER_CLOSED 8
#define OFF_CONSUMER_POSITION 128
#define RECORD_HEADER 8

struct ring {
    uint8_t *base, *data;
    uint64_t capacity, mask, chunk;
    /* producer side */
    uint64_t tail, consumer_cache;
    uint32_t send_seq;
    char pad[64];
    /* consumer side */
    uint64_t head, producer_cache;
    uint32_t recv_seq;
};

static int yield_wait;

static inline void idle(void) {
    if (yield_wait) sched_yield();
    else __builtin_ia32_pause();
}

static inline uint64_t *at(ring_t *r, uint64_t offset) { return (uint64_t *)(r->base + offset); }
static inline uint64_t *slot(ring_t *r, uint64_t position) { return (uint64_t *)(r->data + (position & r->mask)); }
static inline uint64_t align8(uint64_t n) { return (n + 7) & ~(uint64_t)7; }
static inline uint64_t header(int32_t length, uint32_t seq) { return (uint64_t)(uint32_t)length | ((uint64_t)seq << 32); }

static void ring_init(ring_t *r, uint8_t *base, uint64_t capacity) {
    memset(r, 0, sizeof *r);
    r->base = base;
    r->data = base + RING_OVERHEAD;
    r->capacity = capacity;
    r->mask = capacity - 1;
    r->chunk = capacity / 4 > 4096 ? capacity / 4 : 4096;
}

static void copy_in(ring_t *r, uint64_t position, const uint8_t *p, uint64_t n) {
    uint64_t i = position & r->mask, first = r->capacity - i < n ? r->capacity - i : n;
    memcpy(r->data + i, p, first);
    if (first < n) memcpy(r->data, p + first, n - first);
}

static void copy_out(ring_t *r, uint64_t position, uint8_t *p, uint64_t n) {
    uint64_t i = position & r->mask, first = r->capacity - i < n ? r->capacity - i : n;
    memcpy(p, r->data + i, first);
    if (first < n) memcpy(p + first, r->data, n - first);
}

/* Waits until the consumer has freed everything before `position - capacity`. */
static void await_space(ring_t *r, uint64_t position) {
    while (position - r->consumer_cache > r->capacity) {
        r->consumer_cache = __atomic_load_n(at(r, OFF_CONSUMER_POSITION), __ATOMIC_ACQUIRE);
        if (position - r->consumer_cache > r->capacity) idle();
    }
}

static void ring_send(ring_t *r, const uint8_t *p, uint32_t n) {
    uint64_t t = r->tail, end = align8(t + RECORD_HEADER + n);
    if (end + RECORD_HEADER - t <= r->capacity) {
        await_space(r, end + RECORD_HEADER);
        copy_in(r, t + RECORD_HEADER, p, n);
        *slot(r, end) = 0; /* the next header: never a stale one */
        __atomic_store_n(slot(r, t), header((int32_t)n, ++r->send_seq), __ATOMIC_RELEASE);
        r->tail = end;
        return;
    }
    /* Larger than the free space can ever be: streamed in pieces behind the producer position;
     * the last piece goes out with the zeroed next header slot, under one release of the end. */
    await_space(r, t + RECORD_HEADER);
    __atomic_store_n(slot(r, t), header(-(int32_t)n, ++r->send_seq), __ATOMIC_RELEASE);
    uint64_t pos = t + RECORD_HEADER, payload_end = pos + n;
    uint64_t last = r->capacity - RECORD_HEADER - (end - payload_end);
    if (last > r->chunk) last = r->chunk;
    while (payload_end - pos > last) {
        uint64_t free = r->capacity - (pos - r->consumer_cache);
        if (free == 0) {
            await_space(r, pos + 1);
            continue;
        }
        uint64_t k = payload_end - pos - last;
        if (k > free) k = free;
        if (k > r->chunk) k = r->chunk;
        copy_in(r, pos, p + (pos - t - RECORD_HEADER), k);
        pos += k;
        __atomic_store_n(at(r, OFF_PRODUCER_POSITION), pos, __ATOMIC_RELEASE);
    }
    await_space(r, end + RECORD_HEADER);
    copy_in(r, pos, p + (pos - t - RECORD_HEADER), payload_end - pos);
    *slot(r, end) = 0;
    __atomic_store_n(at(r, OFF_PRODUCER_POSITION), end, __ATOMIC_RELEASE);
    r->tail = end;
}

static uint64_t await_producer(ring_t *r, uint64_t position) {
    uint64_t p;
    while ((p = __atomic_load_n(at(r, OFF_PRODUCER_POSITION), __ATOMIC_ACQUIRE)) < position) {
        if (__atomic_load_n(at(r, OFF_PRODUCER_CLOSED), __ATOMIC_ACQUIRE)) return 0;
        idle();
    }
    return p;
}

static long ring_recv(ring_t *r, uint8_t *out, size_t room) {
    uint64_t h = r->head, hdr;
    while ((uint32_t)(hdr = __atomic_load_n(slot(r, h), __ATOMIC_ACQUIRE)) == 0) {
        if (__atomic_load_n(at(r, OFF_PRODUCER_CLOSED), __ATOMIC_ACQUIRE)) return -1;
        idle();
    }
    int32_t length = (int32_t)(uint32_t)hdr;
    if ((uint32_t)(hdr >> 32) != r->recv_seq + 1) fail("the ring is corrupt: sequence out of order");
    r->recv_seq++;
    uint64_t n = length > 0 ? (uint64_t)length : (uint64_t)(-(int64_t)length);
    if (n > room) fail("message larger than the receive buffer");
    uint64_t end = align8(h + RECORD_HEADER + n);
    if (length > 0) {
        copy_out(r, h + RECORD_HEADER, out, n);
    } else {
        uint64_t pos = h + RECORD_HEADER, left = n;
        __atomic_store_n(at(r, OFF_CONSUMER_POSITION), pos, __ATOMIC_RELEASE); /* the header is read */
        while (left > 0) {
            if (r->producer_cache <= pos) {
                if (!(r->producer_cache = await_producer(r, pos + 1))) return -1;
            }
            uint64_t k = r->producer_cache - pos;
            if (k > left) k = left;
            if (k > r->chunk) k = r->chunk;
            copy_out(r, pos, out + (n - left), k);
            pos += k;
            left -= k;
            __atomic_store_n(at(r, OFF_CONSUMER_POSITION), pos, __ATOMIC_RELEASE);
        }
        if (!(r->producer_cache = await_producer(r, end))) return -1;
    }
    r->head = end;
    __atomic_store_n(at(r, OFF_CONSUMER_POSITION), end, __ATOMIC_RELEASE);
    return (long)n;
}

/* ---- one cache line --------------------------------------------------------------------------- */

static void line_ping(chan_t *c, uint64_t i) {
    __atomic_store_n(c->line, 2 * i + 1, __ATOMIC_RELEASE);
    while (__atomic_load_n(c->line, __ATOMIC_ACQUIRE) != 2 * i + 2) idle();
}

static void line_pong(chan_t *c) {
    for (uint64_t i = 0;; i++) {
        uint64_t v;
        while ((v = __atomic_load_n(c->line, __ATOMIC_ACQUIRE)) != 2 * i + 1) {
            if (v == UINT64_MAX) return;
            idle();
        }
        __atomic_store_n(c->line, 2 * i + 2, __ATOMIC_RELEASE);
    }
}

/* ---- dispatch ------------------------------------------------------------------------------- */

static int is(const char *m) { return strcmp(O.mech, m) == 0; }

static void chan_send(chan_t *c, const uint8_t *p, size_t n) {
    if (c->out) ring_send(c->out, p, (uint32_t)n);
    else if (c->framed) framed_send(c, p, (uint32_t)n);
    else msg_send(c, p, n);
}

static long chan_recv(chan_t *c, uint8_t *p, size_t room) {
    if (c->in) return ring_recv(c->in, p, room);
    if (c->framed) return framed_recv(c, p, room);
    return msg_recv(c, p, room);
}

static int socket_pair(int type, int fds[2]) { return socketpair(AF_UNIX, type, 0, fds); }

static void nodelay(int fd) {
    int one = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one)) die("TCP_NODELAY");
}

static int loopback_socket(int type, struct sockaddr_in *a) {
    int fd = socket(AF_INET, type, 0);
    if (fd < 0) die("socket");
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof *a;
    if (bind(fd, (struct sockaddr *)a, len) || getsockname(fd, (struct sockaddr *)a, &len)) die("bind");
    return fd;
}

static pid_t child_pid;
static char fifo_dir[64];

/* Sets up the two ends; returns in the child with *is_child set. */
static void open_channel(chan_t *me, int *is_child) {
    memset(me, 0, sizeof *me);
    me->ahead = malloc(READ_AHEAD);
    me->staging = malloc(STAGED);
    int down[2], up[2]; /* parent -> child, child -> parent */
    int tcp_listener = -1, udp[2] = {-1, -1};
    struct sockaddr_in ua[2], ta;
    uint8_t *shared = NULL;
    if (is("pipe")) {
        me->framed = 1;
        if (pipe(down) || pipe(up)) die("pipe");
    } else if (is("fifo")) {
        me->framed = 1;
        strcpy(fifo_dir, "/tmp/ipcbench-ref-XXXXXX");
        if (!mkdtemp(fifo_dir)) die("mkdtemp");
        char a[96], b[96];
        snprintf(a, sizeof a, "%s/down", fifo_dir);
        snprintf(b, sizeof b, "%s/up", fifo_dir);
        if (mkfifo(a, 0600) || mkfifo(b, 0600)) die("mkfifo");
    } else if (is("uds") || is("uds-dgram") || is("uds-seqpacket")) {
        me->framed = is("uds");
        int type = is("uds") ? SOCK_STREAM : is("uds-dgram") ? SOCK_DGRAM : SOCK_SEQPACKET;
        if (socket_pair(type, down)) die("socketpair");
        up[0] = down[1];
        up[1] = down[0];
    } else if (is("tcp")) {
        me->framed = 1;
        tcp_listener = loopback_socket(SOCK_STREAM, &ta);
        if (listen(tcp_listener, 1)) die("listen");
    } else if (is("udp")) {
        udp[0] = loopback_socket(SOCK_DGRAM, &ua[0]);
        udp[1] = loopback_socket(SOCK_DGRAM, &ua[1]);
        if (connect(udp[0], (struct sockaddr *)&ua[1], sizeof ua[1]) ||
            connect(udp[1], (struct sockaddr *)&ua[0], sizeof ua[0]))
            die("connect");
    } else if (is("ring") || is("cacheline")) {
        uint64_t cap = O.ring_capacity;
        size_t len = HEADER_LENGTH + 2 * (RING_OVERHEAD + cap);
        shared = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (shared == MAP_FAILED) die("mmap");
    } else {
        fail("unknown mechanism");
    }

    pid_t parent = getpid();
    child_pid = fork();
    if (child_pid < 0) die("fork");
    *is_child = child_pid == 0;
    if (*is_child) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) exit(0);
        pin(O.peer_cpu);
    } else {
        pin(O.cpu);
    }
    int c = *is_child;
    if (is("pipe")) {
        me->rfd = c ? down[0] : up[0];
        me->wfd = c ? up[1] : down[1];
        close(c ? down[1] : up[1]);
        close(c ? up[0] : down[0]);
    } else if (is("fifo")) {
        char a[96], b[96];
        snprintf(a, sizeof a, "%s/down", fifo_dir);
        snprintf(b, sizeof b, "%s/up", fifo_dir);
        if (c) {
            me->rfd = open(a, O_RDONLY);
            me->wfd = open(b, O_WRONLY);
        } else {
            me->wfd = open(a, O_WRONLY);
            me->rfd = open(b, O_RDONLY);
            unlink(a);
            unlink(b);
            rmdir(fifo_dir);
        }
        if (me->rfd < 0 || me->wfd < 0) die("open fifo");
    } else if (is("uds") || is("uds-dgram") || is("uds-seqpacket")) {
        me->rfd = me->wfd = c ? down[1] : down[0];
        close(c ? down[0] : down[1]);
    } else if (is("tcp")) {
        int fd;
        if (c) {
            close(tcp_listener);
            fd = socket(AF_INET, SOCK_STREAM, 0);
            if (fd < 0 || connect(fd, (struct sockaddr *)&ta, sizeof ta)) die("connect");
        } else {
            fd = accept(tcp_listener, NULL, NULL);
            if (fd < 0) die("accept");
            close(tcp_listener);
        }
        nodelay(fd);
        me->rfd = me->wfd = fd;
    } else if (is("udp")) {
        me->rfd = me->wfd = udp[c];
        close(udp[1 - c]);
    } else if (is("ring")) {
        static ring_t a, b;
        uint64_t cap = O.ring_capacity;
        ring_init(&a, shared + HEADER_LENGTH, cap);
        ring_init(&b, shared + HEADER_LENGTH + RING_OVERHEAD + cap, cap);
        me->out = c ? &b : &a;
        me->in = c ? &a : &b;
    } else if (is("cacheline")) {
        me->line = (volatile uint64_t *)(shared + HEADER_LENGTH);
    }
}

static void close_channel(chan_t *c) {
    if (c->out) __atomic_store_n(at(c->out, OFF_PRODUCER_CLOSED), 1, __ATOMIC_RELEASE);
    if (c->line) __atomic_store_n(c->line, UINT64_MAX, __ATOMIC_RELEASE);
    if (c->wfd > 0) close(c->wfd);
    if (c->rfd > 0 && c->rfd != c->wfd) close(c->rfd);
    if (child_pid > 0) {
        int status;
        for (int i = 0; i < 100; i++) {
            if (waitpid(child_pid, &status, WNOHANG) == child_pid) return;
            usleep(10000);
        }
        kill(child_pid, SIGKILL);
        waitpid(child_pid, &status, 0);
    }
}

/* ---- the peer ------------------------------------------------------------------------------- */

static void echo(chan_t *c, uint8_t *buf, size_t room) {
    if (c->line) {
        line_pong(c);
        return;
    }
    long n;
    while ((n = chan_recv(c, buf, room)) > 0) chan_send(c, buf, (size_t)n);
}

static void sink(chan_t *c, uint8_t *buf, size_t room) {
    uint64_t messages = 0, bytes = 0, t0 = 0;
    long n;
    while ((n = chan_recv(c, buf, room)) > 0) {
        if (!is_control(buf, (size_t)n)) {
            messages++;
            bytes += (uint64_t)n;
            continue;
        }
        uint32_t code;
        memcpy(&code, buf + 8, 4);
        if (code == CTL_START) {
            messages = bytes = 0;
            t0 = now_ns();
        } else if (code == CTL_STOP) {
            uint64_t report[5] = {0, 0, messages, bytes, now_ns() - t0};
            control((uint8_t *)report, CTL_REPORT, 0);
            chan_send(c, (uint8_t *)report, sizeof report);
        }
    }
}

/* ---- the measurements ----------------------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t percentile(uint64_t *sorted, size_t n, double p) {
    size_t i = (size_t)(p / 100.0 * (double)(n - 1) + 0.5);
    return sorted[i < n ? i : n - 1];
}

static void check_reply(const uint8_t *msg, const uint8_t *in, long got, uint64_t i) {
    if (got != (long)O.size) fail(got < 0 ? "the peer closed the channel" : "a reply of the wrong length");
    if (in[O.size - 1] != msg[O.size - 1] || ((i & (VERIFY_EVERY - 1)) == 0 && memcmp(in, msg, O.size)))
        fail("a reply differs from the message sent");
}

static void roundtrip(chan_t *c, uint8_t *msg, uint8_t *in, size_t room) {
    uint64_t i = 0;
    if (c->line) {
        uint64_t end = now_ns() + (uint64_t)O.warmup_ms * 1000000u;
        while (now_ns() < end)
            for (int k = 0; k < 1024; k++) line_ping(c, i++);
    } else {
        uint64_t end = now_ns() + (uint64_t)O.warmup_ms * 1000000u;
        while (now_ns() < end) {
            chan_send(c, msg, O.size);
            check_reply(msg, in, chan_recv(c, in, room), i++);
        }
    }
    /* Pass 1: the mean, the clock read once per batch. */
    uint64_t count = 0, batch = 1, t0 = now_ns(), deadline = t0 + (uint64_t)O.measure_ms * 1000000u, t1 = t0;
    while (t1 < deadline) {
        for (uint64_t k = 0; k < batch; k++, i++, count++) {
            if (c->line) {
                line_ping(c, i);
            } else {
                chan_send(c, msg, O.size);
                check_reply(msg, in, chan_recv(c, in, room), i);
            }
        }
        uint64_t t = now_ns();
        if (t - t1 < 1000000u && batch < (1u << 20)) batch *= 2;
        t1 = t;
    }
    double mean = (double)(t1 - t0) / (double)count;
    /* Pass 2: every round trip timed, for percentiles. */
    uint64_t *samples = malloc(MAX_SAMPLES * sizeof *samples);
    size_t n = 0;
    uint64_t prev = now_ns();
    deadline = prev + (uint64_t)O.measure_ms * 1000000u;
    while (n < MAX_SAMPLES) {
        if (c->line) {
            line_ping(c, i++);
        } else {
            chan_send(c, msg, O.size);
            check_reply(msg, in, chan_recv(c, in, room), i++);
        }
        uint64_t t = now_ns();
        samples[n++] = t - prev;
        prev = t;
        if (t >= deadline) break;
    }
    qsort(samples, n, sizeof *samples, cmp_u64);
    printf("{\"op\":\"roundtrip\",\"mech\":\"%s\",\"size\":%zu,\"cpu\":%d,\"peerCpu\":%d,\"wait\":\"%s\","
           "\"count\":%llu,\"meanNs\":%.1f,\"samples\":%zu,\"p50Ns\":%llu,\"p90Ns\":%llu,\"p99Ns\":%llu,"
           "\"p999Ns\":%llu,\"maxNs\":%llu}\n",
           O.mech, O.size, O.cpu, O.peer_cpu, O.wait, (unsigned long long)count, mean, n,
           (unsigned long long)percentile(samples, n, 50), (unsigned long long)percentile(samples, n, 90),
           (unsigned long long)percentile(samples, n, 99), (unsigned long long)percentile(samples, n, 99.9),
           (unsigned long long)samples[n - 1]);
    free(samples);
}

static void stream(chan_t *c, uint8_t *msg, uint8_t *in, size_t room) {
    uint8_t ctl[CONTROL_LEN];
    uint64_t end = now_ns() + (uint64_t)O.warmup_ms * 1000000u;
    do {
        for (int k = 0; k < 256; k++) chan_send(c, msg, O.size);
    } while (now_ns() < end);
    control(ctl, CTL_START, 0);
    chan_send(c, ctl, sizeof ctl);
    end = now_ns() + (uint64_t)O.measure_ms * 1000000u;
    do {
        for (int k = 0; k < 256; k++) chan_send(c, msg, O.size);
    } while (now_ns() < end);
    control(ctl, CTL_STOP, 0);
    chan_send(c, ctl, sizeof ctl);
    long n = chan_recv(c, in, room);
    uint32_t code = 0;
    if (n == 40) memcpy(&code, in + 8, 4);
    if (n != 40 || memcmp(in, CONTROL_MAGIC, 8) || code != CTL_REPORT) fail("no report from the sink");
    uint64_t report[5]; /* control header, messages, bytes, nanoseconds */
    memcpy(report, in, sizeof report);
    double seconds = (double)report[4] / 1e9;
    printf("{\"op\":\"stream\",\"mech\":\"%s\",\"size\":%zu,\"cpu\":%d,\"peerCpu\":%d,\"wait\":\"%s\","
           "\"messages\":%llu,\"bytes\":%llu,\"seconds\":%.6f,\"msgsPerSec\":%.1f,\"mbPerSec\":%.3f}\n",
           O.mech, O.size, O.cpu, O.peer_cpu, O.wait, (unsigned long long)report[2],
           (unsigned long long)report[3], seconds, (double)report[2] / seconds, (double)report[3] / seconds / 1e6);
}

/* One core copying SIZE-byte blocks, one after another through SPAN bytes of source and
 * destination: with SPAN = SIZE the blocks stay in the cache; with SPAN = the ring capacity they move
 * through as much memory as a ring's records do. */
static void memcpy_bandwidth(void) {
    pin(O.cpu);
    size_t span = O.span > O.size ? O.span - O.span % O.size : O.size;
    uint8_t *a = aligned_alloc(64, align8(span) + 64), *b = aligned_alloc(64, align8(span) + 64);
    fill(a, span);
    memset(b, 0, span);
    uint64_t bytes = 0, end = now_ns() + (uint64_t)O.warmup_ms * 1000000u;
    size_t at = 0;
    while (now_ns() < end) {
        memcpy(b + at, a + at, O.size);
        __asm__ __volatile__("" ::"r"(b) : "memory");
        at = at + O.size >= span ? 0 : at + O.size;
    }
    uint64_t t0 = now_ns(), t1;
    end = t0 + (uint64_t)O.measure_ms * 1000000u;
    do {
        for (int k = 0; k < 64; k++) {
            memcpy(b + at, a + at, O.size);
            __asm__ __volatile__("" ::"r"(b) : "memory");
            at = at + O.size >= span ? 0 : at + O.size;
            bytes += O.size;
        }
    } while ((t1 = now_ns()) < end);
    if (memcmp(a, b, span)) fail("memcpy is broken");
    double seconds = (double)(t1 - t0) / 1e9;
    printf("{\"op\":\"memcpy\",\"mech\":\"-\",\"size\":%zu,\"span\":%zu,\"cpu\":%d,\"bytes\":%llu,"
           "\"seconds\":%.6f,\"mbPerSec\":%.3f}\n",
           O.size, span, O.cpu, (unsigned long long)bytes, seconds, (double)bytes / seconds / 1e6);
}

static long number(const char *s, const char *what) {
    char *e;
    errno = 0;
    long v = strtol(s, &e, 10);
    if (*e == 'K' || *e == 'k') v <<= 10, e++;
    else if (*e == 'M' || *e == 'm') v <<= 20, e++;
    if (errno || *e || v < 0) {
        fprintf(stderr, "ipcref: %s must be a non-negative number, got '%s'\n", what, s);
        exit(2);
    }
    return v;
}

static void usage(const char *why) {
    fprintf(stderr,
            "ipcref: %s\nusage: ipcref roundtrip|stream|memcpy MECH SIZE [--cpu N] [--peer-cpu N] "
            "[--warmup-ms N] [--measure-ms N] [--wait spin|yield] [--ring-capacity BYTES] [--span BYTES]\n"
            "MECH: pipe fifo uds tcp udp uds-dgram uds-seqpacket ring cacheline (memcpy: -)\n",
            why);
    exit(2);
}

int main(int argc, char **argv) {
    if (argc < 4) usage("three arguments are required");
    O.op = argv[1];
    O.mech = argv[2];
    O.size = (size_t)number(argv[3], "SIZE");
    for (int i = 4; i < argc; i += 2) {
        if (i + 1 >= argc) usage("an option needs a value");
        const char *k = argv[i], *v = argv[i + 1];
        if (!strcmp(k, "--cpu")) O.cpu = (int)number(v, k);
        else if (!strcmp(k, "--peer-cpu")) O.peer_cpu = (int)number(v, k);
        else if (!strcmp(k, "--warmup-ms")) O.warmup_ms = number(v, k);
        else if (!strcmp(k, "--measure-ms")) O.measure_ms = number(v, k);
        else if (!strcmp(k, "--ring-capacity")) O.ring_capacity = (size_t)number(v, k);
        else if (!strcmp(k, "--span")) O.span = (size_t)number(v, k);
        else if (!strcmp(k, "--wait")) O.wait = v;
        else usage("unknown option");
    }
    if (O.size < 1 || O.size > (1u << 30)) usage("SIZE must be from 1 byte to 1 GiB");
    if (strcmp(O.wait, "spin") && strcmp(O.wait, "yield")) usage("--wait must be spin or yield");
    yield_wait = strcmp(O.wait, "yield") == 0;
    if (O.ring_capacity < 4096 || (O.ring_capacity & (O.ring_capacity - 1))) usage("--ring-capacity must be a power of two, at least 4096");
    if (O.measure_ms < 1) usage("--measure-ms must be at least 1");
    if (!strcmp(O.op, "memcpy")) {
        memcpy_bandwidth();
        return 0;
    }
    int rt = !strcmp(O.op, "roundtrip");
    if (!rt && strcmp(O.op, "stream")) usage("the operation must be roundtrip, stream or memcpy");
    if (!strcmp(O.mech, "cacheline") && !rt) usage("cacheline measures round trips only");
    if (!strcmp(O.mech, "udp") && !rt) usage("udp may lose messages: it has no stream reference");
    if (!strcmp(O.mech, "udp") && O.size > 65507) usage("udp carries at most 65507 bytes");
    if ((!strcmp(O.mech, "uds-dgram") || !strcmp(O.mech, "uds-seqpacket")) && O.size > 128 * 1024)
        usage("uds-dgram and uds-seqpacket carry at most 128 KiB here");

    size_t room = O.size + 64 > READ_AHEAD ? O.size + 64 : READ_AHEAD;
    uint8_t *msg = malloc(O.size), *in = malloc(room);
    fill(msg, O.size);
    signal(SIGPIPE, SIG_IGN);
    chan_t c;
    int child;
    open_channel(&c, &child);
    if (child) {
        if (rt) echo(&c, in, room);
        else sink(&c, in, room);
        _exit(0);
    }
    if (rt) roundtrip(&c, msg, in, room);
    else stream(&c, msg, in, room);
    fflush(stdout);
    close_channel(&c);
    return 0;
}
