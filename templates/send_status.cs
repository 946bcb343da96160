<?cs include:"header.cs" ?><link rel="stylesheet" href="/static/css/send.css">
<?cs # send_status.cs: one sending, recipient by recipient. ?>
<?cs if:New ?><p class="notice">Your card is on its way. This page shows each recipient as the mail goes out.</p><?cs /if ?>
<div class="title-row"><h1>Sending of “<?cs var:Send.card_name ?>”</h1><a class="button ghost" href="/sends">All sendings</a></div>
<p>Subject: <strong><?cs var:Send.subject ?></strong></p>
<p class="send-counts"><span id="count-sent"><?cs var:Send.sent ?></span> sent, <span id="count-failed"><?cs var:Send.failed ?></span> failed, <span id="count-queued"><?cs var:Send.queued ?></span> waiting, of <?cs var:Send.total ?>.<?cs if:Send.queued > 0 ?> <a href="/sends/<?cs var:Send.id ?>">Refresh</a><?cs /if ?></p>
<table class="send-status">
<thead><tr><th>Recipient</th><th>Status</th><th>Reason</th></tr></thead>
<tbody>
<?cs each:e = Rcpts ?>
<tr class="st-<?cs var:e.state ?>"><td><?cs var:e.to ?></td><td><?cs if:e.state == "sending" ?>queued<?cs else ?><?cs var:e.state ?><?cs /if ?></td><td><?cs if:e.state != "sent" ?><?cs var:e.error ?><?cs /if ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs include:"footer.cs" ?>
