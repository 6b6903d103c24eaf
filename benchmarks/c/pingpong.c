/*
 * Reference round trip over pipes or FIFOs, in C, framed exactly like ipcbench's stream
 * transports: a 4-byte big-endian length, then the payload; one writev per message, reads take
 * whatever is available. The ipcbench pipe and fifo transports are compared with this.
 *
 *   cc -O2 -o pingpong pingpong.c
 *   ./pingpong pipe|fifo SIZE ROUNDTRIPS
 * Prints the mean round trip in microseconds. Pin with taskset: the child inherits the mask
 * (taskset -c 0 ./pingpong ... for one CPU; for two, the child re-pins itself with CHILD_CPU=1).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *rbuf;
static size_t rcap, rlen; /* read-ahead buffer: rlen bytes valid from the start */

static void die(const char *m) { perror(m); exit(1); }

static void send_msg(int fd, const char *p, uint32_t n) {
    uint32_t h = htonl(n);
    struct iovec v[2] = {{&h, 4}, {(void *)p, n}};
    size_t total = 4 + (size_t)n, done = 0;
    while (done < total) {
        ssize_t w = writev(fd, v, 2);
        if (w < 0) { if (errno == EINTR) continue; die("writev"); }
        done += (size_t)w;
        /* advance the iovecs past what was written */
        size_t k = (size_t)w;
        for (int i = 0; i < 2 && k; i++) {
            size_t t = k < v[i].iov_len ? k : v[i].iov_len;
            v[i].iov_base = (char *)v[i].iov_base + t; v[i].iov_len -= t; k -= t;
        }
    }
}

/* Receives one message into out (cap bytes); returns its length. */
static uint32_t recv_msg(int fd, char *out) {
    while (rlen < 4) {
        ssize_t r = read(fd, rbuf + rlen, rcap - rlen);
        if (r <= 0) { if (r < 0 && errno == EINTR) continue; exit(0); }
        rlen += (size_t)r;
    }
    uint32_t n; memcpy(&n, rbuf, 4); n = ntohl(n);
    size_t have = rlen - 4 < n ? rlen - 4 : n;
    memcpy(out, rbuf + 4, have);
    size_t got = have;
    while (got < n) { /* the rest straight into the destination, never past the message */
        ssize_t r = read(fd, out + got, n - got);
        if (r <= 0) { if (r < 0 && errno == EINTR) continue; exit(0); }
        got += (size_t)r;
    }
    size_t used = 4 + have;
    memmove(rbuf, rbuf + used, rlen - used);
    rlen -= used;
    return n;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s pipe|fifo SIZE ROUNDTRIPS\n", argv[0]); return 2; }
    int fifo = strcmp(argv[1], "fifo") == 0;
    uint32_t size = (uint32_t)atol(argv[2]);
    long rounds = atol(argv[3]);
    rcap = 64 * 1024; rbuf = malloc(rcap);
    char *msg = malloc(size), *in = malloc(size);
    memset(msg, 7, size);

    int down[2], up[2]; /* parent -> child, child -> parent */
    char dir[] = "/tmp/ipcbench-c-XXXXXX", a[64], b[64];
    if (fifo) {
        if (!mkdtemp(dir)) die("mkdtemp");
        snprintf(a, sizeof a, "%s/down", dir); snprintf(b, sizeof b, "%s/up", dir);
        if (mkfifo(a, 0600) || mkfifo(b, 0600)) die("mkfifo");
    } else if (pipe(down) || pipe(up)) die("pipe");

    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        const char *cpu = getenv("CHILD_CPU");
        if (cpu) { cpu_set_t s; CPU_ZERO(&s); CPU_SET(atoi(cpu), &s); sched_setaffinity(0, sizeof s, &s); }
        int rfd, wfd;
        if (fifo) { rfd = open(a, O_RDONLY); wfd = open(b, O_WRONLY); }
        else { close(down[1]); close(up[0]); rfd = down[0]; wfd = up[1]; }
        for (;;) { uint32_t n = recv_msg(rfd, in); send_msg(wfd, in, n); }
    }
    int rfd, wfd;
    if (fifo) { wfd = open(a, O_WRONLY); rfd = open(b, O_RDONLY); unlink(a); unlink(b); rmdir(dir); }
    else { close(down[0]); close(up[1]); wfd = down[1]; rfd = up[0]; }

    long warm = rounds / 10 + 1;
    for (long i = 0; i < warm; i++) { send_msg(wfd, msg, size); recv_msg(rfd, in); }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < rounds; i++) {
        send_msg(wfd, msg, size);
        if (recv_msg(rfd, in) != size) { fprintf(stderr, "short message\n"); return 1; }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double us = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 1e3 / rounds;
    printf("%s size=%u roundtrips=%ld mean_us=%.3f\n", argv[1], size, rounds, us);
    close(wfd); close(rfd);
    kill(child, SIGTERM); waitpid(child, NULL, 0);
    return 0;
}
