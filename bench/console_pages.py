"""Signs in to the console and reads one page REQUESTS times on one kept-alive connection (after 5 unmeasured reads):
prints the median and p95 milliseconds. Fails on any answer but 200.

    python3 console_pages.py PORT USERNAME PASSWORD PATH REQUESTS
"""
import http.client
import statistics
import sys
import time
import urllib.parse

port, username, password, path, requests = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
conn = http.client.HTTPConnection("127.0.0.1", int(port))
conn.request("POST", "/console/login", urllib.parse.urlencode({"username": username, "password": password, "next": "/console"}),
             {"Content-Type": "application/x-www-form-urlencoded"})
answer = conn.getresponse()
answer.read()
cookie = answer.getheader("Set-Cookie", "").split(";")[0]
if answer.status != 303 or not cookie:
    sys.exit("sign-in failed: %d" % answer.status)

times = []
for i in range(requests + 5):
    start = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie})
    answer = conn.getresponse()
    body = answer.read()
    if answer.status != 200:
        sys.exit("%s answered %d: %s" % (path, answer.status, body[:200]))
    if i >= 5:
        times.append((time.perf_counter() - start) * 1000)
times.sort()
print("%.1f %.1f" % (statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]))
