#!/usr/bin/env python3
"""The network floor of this machine: a TCP ping-pong between two processes on loopback, one message at a time.

A linearizable read at one client costs two such round trips (client <-> leader, then the leader's ReadIndex round
with a follower), so this number bounds the single-client read rate of any Raft store on the machine, ours and etcd's.

usage: python3 bench/loopback-rtt.py [ROUND_TRIPS (20000)]
"""
import os
import socket
import sys
import time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
if count < 100:
    sys.exit("loopback-rtt: ROUND_TRIPS must be at least 100")

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
child = os.fork()
if child == 0:  # the echoing process
    connection, _ = server.accept()
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while data := connection.recv(65536):
        connection.sendall(data)
    os._exit(0)

client = socket.create_connection(server.getsockname())
client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
message = b"x" * 64
for _ in range(1000):  # untimed warm-up
    client.sendall(message)
    client.recv(65536)
samples = []
for _ in range(count):
    started = time.perf_counter_ns()
    client.sendall(message)
    received = 0
    while received < len(message):
        received += len(client.recv(65536))
    samples.append(time.perf_counter_ns() - started)
client.close()
os.waitpid(child, 0)
samples.sort()
us = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))] / 1000
print(f"loopback TCP round trip, {count} one at a time: p50 {us(0.5):.1f} us, p90 {us(0.9):.1f} us, "
      f"p99 {us(0.99):.1f} us, mean {sum(samples) / len(samples) / 1000:.1f} us")
