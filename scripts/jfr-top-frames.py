#!/usr/bin/env python3
# Top frames of a JFR recording of the gateway (docs/performance.md):
#   jfr print --json --stack-depth 96 --events jdk.ExecutionSample gateway.jfr > gateway.json
#   python3 scripts/jfr-top-frames.py gateway.json [name=regex ...]
import sys, re, json, collections
# usage: top.py file.jfr.json [name=regex ...]; samples of the gateway's request threads only
d=json.load(open(sys.argv[1]))
samples=[]
for e in d['recording']['events']:
    v=e['values']
    t=v['sampledThread']['javaName'] or ''
    if not (t.startswith('gateway-') or t.startswith('lettuce') or t.startswith('nioEventLoop')): continue
    frames=[f['method']['type']['name'].replace('/','.')+'.'+f['method']['name'] for f in v['stackTrace']['frames']]
    samples.append((t,frames))
n=len(samples)
print("samples on request threads:",n)
self_c=collections.Counter(s[1][0] for s in samples if s[1])
print("== top self frames")
for f,c in self_c.most_common(20): print(f"{100*c/n:5.1f}% {f}")
incl=collections.Counter()
for t,s in samples:
    for f in set(s): incl[f]+=1
print("== top inclusive frames (dev.ticketing / io.micronaut / netty / lettuce / jackson)")
k=0
for f,c in incl.most_common(400):
    if re.search(r'dev\.ticketing|io\.micronaut|io\.lettuce|com\.fasterxml|io\.netty\.handler|logback|com\.mysql|hikari',f):
        print(f"{100*c/n:5.1f}% {f}"); k+=1
        if k>=45: break
print("== by marker")
for arg in sys.argv[2:]:
    name,pat=arg.split('=',1)
    c=sum(1 for t,s in samples if any(re.search(pat,f) for f in s))
    print(f"{100*c/n:5.1f}% {name}")
