<?cs include:"header.cs" ?>
<?cs # call_list.cs: the calls made through each of the owner's cards.
       Numbers are masked: the owner sees who called roughly, not the number. ?>
<section class="panel call-list">
<h1>Calls through your cards</h1>
<?cs each:c = Cards ?>
  <h2><a href="/c/<?cs var:c.token ?>"><?cs var:c.name ?></a></h2>
  <?cs if:subcount(c.calls) ?>
  <table class="calls">
    <thead><tr><th>When</th><th>Number</th><th>Outcome</th><th>Talk time</th><th>Cost</th></tr></thead>
    <tbody>
    <?cs each:k = c.calls ?>
      <tr><td><?cs var:k.when ?></td><td><?cs var:k.masked ?></td><td><?cs var:k.outcome ?></td>
      <td><?cs var:k.duration ?></td><td><?cs var:k.cost ?></td></tr>
      <?cs if:k.message ?><tr class="call-msg"><td colspan="5">Message: <?cs var:k.message ?></td></tr><?cs /if ?>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs else ?><p class="muted">No calls through this card yet.</p><?cs /if ?>
<?cs /each ?>
<?cs if:!subcount(Cards) ?><p>You have no cards yet. <a href="/make">Make one</a>.</p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
