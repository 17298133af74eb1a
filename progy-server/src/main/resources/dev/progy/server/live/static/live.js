// The live help page: shows the student's terminal (read-only) from the viewer socket, and sends chat.
(function () {
  'use strict';
  var box = document.getElementById('terminal');
  var status = document.getElementById('live-status');
  var chat = document.getElementById('chat');
  var text = document.getElementById('chat-text');
  var send = document.getElementById('chat-send');
  var term = new Terminal({ disableStdin: true, convertEol: false, scrollback: 5000, cols: 80, rows: 24 });
  term.open(box);
  var lastSeq = -1;
  var open = true;
  function say(what) { status.textContent = what; }
  function chatting(on) { text.disabled = !on; send.disabled = !on; }
  var proto = location.protocol === 'https:' ? 'wss://' : 'ws://';
  var socket = new WebSocket(proto + location.host + box.dataset.socket);
  socket.onmessage = function (event) {
    var m = JSON.parse(event.data);
    switch (m.t) {
      case 'waiting': say('Waiting for the student to agree…'); break;
      case 'snap':
        term.resize(m.cols, m.rows);
        term.reset();
        term.write(m.d);
        lastSeq = m.seq;
        say('Watching (read-only).');
        chatting(true);
        break;
      case 'o':
        if (m.seq > lastSeq) { lastSeq = m.seq; term.write(m.d); }
        break;
      case 'size': term.resize(m.cols, m.rows); break;
      case 'paused': say('The student paused sharing.'); break;
      case 'notice': say(m.text); break;
      case 'resumed': say('Watching (read-only).'); break;
      case 'denied': open = false; chatting(false); say('The student said no.'); break;
      case 'removed': open = false; chatting(false); say('The student removed you: you no longer see their terminal.'); break;
      case 'ended': open = false; chatting(false); say('The student ended sharing.'); break;
      case 'error': open = false; chatting(false); say(m.error + ' ' + (m.fix || '')); break;
    }
  };
  socket.onclose = function () {
    chatting(false);
    if (open) { say('The connection to the server closed. Reload the page to watch again.'); }
  };
  chat.addEventListener('submit', function (event) {
    event.preventDefault();
    var t = text.value.trim();
    if (t && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ t: 'chat', text: t }));
      text.value = '';
    }
  });
}());
