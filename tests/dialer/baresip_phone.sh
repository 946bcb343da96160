# baresip_phone.sh: a headless baresip phone for dialer tests (sourced).
# baresip_start NAME SIPPORT CTRLPORT TONE_HZ NUMBER [CODECS]: auto-answers
# calls to NUMBER (offering CODECS, default PCMU,PCMA) on 127.0.0.1:SIPPORT
# (it also takes SIPPORT+1 for TLS), sends a sine of TONE_HZ (or the WAV
# file named instead) as its voice, records both
# directions under $D_STATE/bs-NAME/snd, takes commands on CTRLPORT.
baresip_start() {
	dir="$D_STATE/bs-$1"
	mkdir -p "$dir/snd"
	if [ -f "$4" ]; then
		cp "$4" "$dir/voice.wav" # a prepared voice file
	else
		sox -n -r 8000 -c 1 -b 16 "$dir/voice.wav" synth 60 sine "$4" vol 0.5
	fi
	cat >"$dir/config" <<CFG
sip_listen		127.0.0.1:$2
net_interface		127.0.0.1
audio_source		aufile,$dir/voice.wav
audio_player		aubridge,nil
audio_alert		aubridge,nil
audio_srate		8000
audio_channels		1
rtp_ports		$(($2 + 10))-$(($2 + 19))
module_path		/usr/lib/baresip/modules
module			g711.so
module			aufile.so
module			aubridge.so
module			sndfile.so
module_app		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:$3
snd_path		$dir/snd
CFG
	echo "<sip:$5@127.0.0.1:$2>;regint=0;answermode=auto;audio_codecs=${6:-PCMU,PCMA}" >"$dir/accounts"
	: >"$dir/contacts"
	baresip -f "$dir" -t 60 </dev/null >"$dir/log" 2>&1 &
	eval "BS_$1=$!"
	SIPP_PIDS="$SIPP_PIDS $!"
	i=0
	while ! ss -Hltn "sport = :$3" | grep -q . && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

# baresip_cmd CTRLPORT COMMAND [PARAMS]: one ctrl_tcp netstring command.
baresip_cmd() {
	/usr/bin/python3 - "$@" <<'PY'
import json, socket, sys
port, cmd = int(sys.argv[1]), sys.argv[2]
msg = {"command": cmd, "token": "t"}
if len(sys.argv) > 3:
    msg["params"] = sys.argv[3]
data = json.dumps(msg).encode()
s = socket.create_connection(("127.0.0.1", port), timeout=3)
s.sendall(str(len(data)).encode() + b":" + data + b",")
try:
    s.settimeout(2)
    s.recv(4096)
except OSError:
    pass
s.close()
PY
}
