#!/usr/bin/python3
"""tone_check.py WAV HZ [MIN_SECONDS]: exit 0 when a tone of HZ is heard
in WAV for at least MIN_SECONDS (20 ms frames where HZ holds most of the
frame's energy, measured with the Goertzel algorithm)."""
import math, struct, sys, wave

path, hz = sys.argv[1], float(sys.argv[2])
need = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
w = wave.open(path, "rb")
rate, ch, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
raw = w.readframes(w.getnframes())
if width != 2:
    sys.exit("16-bit PCM expected")
samples = struct.unpack("<%dh" % (len(raw) // 2), raw)[::ch]
n = rate // 50
coeff = 2 * math.cos(2 * math.pi * hz / rate)
frames = 0
for i in range(0, len(samples) - n, n):
    s1 = s2 = 0.0
    energy = 0.0
    for x in samples[i:i + n]:
        s0 = x + coeff * s1 - s2
        s2, s1 = s1, s0
        energy += x * x
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    # a pure tone concentrates about n/2 * energy in its bin
    if energy > n * 100 * 100 and power > 0.25 * energy * n / 2:
        frames += 1
seconds = frames / 50.0
print("%s: %.2f s of %g Hz" % (path, seconds, hz))
sys.exit(0 if seconds >= need else 1)
