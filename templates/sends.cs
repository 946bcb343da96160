<?cs include:"header.cs" ?><link rel="stylesheet" href="/static/css/send.css">
<?cs # sends.cs: the owner's sendings, newest first. ?>
<div class="title-row"><h1>Your sendings</h1><a class="button" href="/send">Send a card</a></div>
<?cs if:subcount(Sends) > 0 ?>
<table class="send-status">
<thead><tr><th>Card</th><th>Subject</th><th>Sent</th><th>Failed</th><th>Of</th></tr></thead>
<tbody>
<?cs each:s = Sends ?>
<tr><td><a href="/sends/<?cs var:s.id ?>"><?cs var:s.card_name ?></a></td><td><?cs var:s.subject ?></td><td><?cs var:s.sent ?></td><td><?cs var:s.failed ?></td><td><?cs var:s.total ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?>
<section class="empty"><p>You have not sent a card yet.</p></section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
