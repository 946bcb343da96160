// call-progress.js: polls the call's status about once a second and shows
// each state as it arrives; a running timer while connected.
(function () {
	"use strict";
	var box = document.getElementById("call");
	if (!box) return;
	var token = box.getAttribute("data-token");
	var words = document.getElementById("call-words");
	var timer = document.getElementById("call-timer");
	var duration = document.getElementById("call-duration");
	var cancel = document.getElementById("call-cancel");
	var unavailable = document.getElementById("call-unavailable");
	var cost = document.getElementById("call-cost");
	var connectedAt = 0, skew = 0, ended = false, failures = 0;

	function clock(ms) {
		var s = Math.max(0, Math.floor(ms / 1000));
		var sec = s % 60;
		return Math.floor(s / 60) + ":" + (sec < 10 ? "0" : "") + sec;
	}
	function tick() {
		if (connectedAt && !ended) duration.textContent = clock(Date.now() + skew - connectedAt);
	}
	function show(st) {
		box.className = box.className.replace(/\bstate-[a-z_]+/, "state-" + st.state);
		box.setAttribute("data-state", st.state);
		box.setAttribute("data-cause", st.cause);
		if (words.textContent !== st.words) words.textContent = st.words;
		skew = st.now_ms - Date.now();
		ended = st.ended === 1;
		cancel.hidden = st.cancellable !== 1;
		unavailable.hidden = st.owner_unavailable !== 1;
		if (st.state === "connected") {
			connectedAt = st.connected_ms;
			timer.hidden = false;
			tick();
		} else if (ended) {
			timer.hidden = false;
			timer.firstChild.nodeValue = "Duration ";
			duration.textContent = clock(st.talk_ms + 999);
			if (st.cost) {
				document.getElementById("call-cost-value").textContent = st.cost;
				cost.hidden = false;
			}
		}
	}
	function poll() {
		var xhr = new XMLHttpRequest();
		xhr.open("GET", "/call/status/" + token);
		xhr.timeout = 3000;
		xhr.onload = function () {
			// A little under a second, so a change shows within one even with
			// the request's own time.
			var next = 800;
			if (xhr.status === 200) {
				failures = 0;
				try { show(JSON.parse(xhr.responseText)); } catch (e) { next = 2000; }
			} else {
				next = Math.min(10000, 1000 * ++failures);
			}
			if (!ended) setTimeout(poll, next);
		};
		xhr.onerror = xhr.ontimeout = function () {
			setTimeout(poll, Math.min(10000, 1000 * ++failures));
		};
		xhr.send();
	}
	if (timer.firstChild.nodeType !== 3) timer.insertBefore(document.createTextNode(""), timer.firstChild);
	setInterval(tick, 250);
	if (box.getAttribute("data-state") !== "ended") poll();
})();
