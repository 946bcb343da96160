<?cs include:"header.cs" ?>
<?cs # balance.cs: a member's balance, mileage, held credit, voucher
       redemption, ledger and calls. Amounts come formatted from minor units;
       numbers of the other party come masked. ?>
<?cs def:pager(what, list, param) ?>
<?cs if:list.pages > 1 ?>
<nav class="pager" aria-label="<?cs var:what ?> pages">
  <?cs if:list.prev ?><a href="/balance?<?cs var:param ?>=<?cs var:list.prev ?>">Newer</a><?cs /if ?>
  <span>Page <?cs var:list.page ?> of <?cs var:list.pages ?> (<?cs var:list.total ?> in all)</span>
  <?cs if:list.next ?><a href="/balance?<?cs var:param ?>=<?cs var:list.next ?>">Older</a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs /def ?>
<?cs if:Done.redeemed ?><p class="notice">Your voucher is redeemed: <?cs var:Done.redeemed ?> was added to your balance.</p><?cs /if ?>
<div class="title-row"><h1>Balance</h1><span><a class="button ghost" href="/account">Your account</a></span></div>
<div class="stack">
<div class="columns">
<section class="panel">
<h2>Your credit</h2>
<dl class="money">
  <dt>Balance</dt><dd class="amount<?cs if:Account.negative ?> negative<?cs /if ?>" id="balance"><?cs var:Account.balance ?></dd>
  <dt>Held for calls in progress</dt><dd id="held"><?cs var:Account.held ?><?cs if:Account.calls > 0 ?> (<?cs var:Account.calls ?> call<?cs if:Account.calls != 1 ?>s<?cs /if ?>)<?cs /if ?></dd>
  <dt>Available for new calls</dt><dd id="available"><?cs var:Account.available ?></dd>
  <dt>Mileage</dt><dd id="mileage"><?cs var:Account.mileage ?> points<?cs if:Account.held_mileage > 0 ?>, <?cs var:Account.held_mileage ?> held<?cs /if ?><?cs if:Account.free_minutes > 0 ?> (about <?cs var:Account.free_minutes ?> free minute<?cs if:Account.free_minutes != 1 ?>s<?cs /if ?>)<?cs /if ?></dd>
</dl>
<p class="hint">Mileage is spent before money on the calls you pay for.</p>
</section>
<section class="panel">
<h2>Top up with a voucher</h2>
<form method="post" action="/balance/voucher" novalidate>
  <?cs call:csrf() ?>
  <?cs call:field("code", "Voucher code", "text", "16 letters and digits; dashes and spaces do not matter.") ?>
  <button type="submit">Redeem voucher</button>
</form>
</section>
</div>

<section class="panel">
<div class="title-row"><h2>Ledger</h2><span><a class="button small ghost" href="/balance/ledger.csv" download>Download CSV</a></span></div>
<?cs if:subcount(Ledger.rows) ?>
<div class="table-wrap"><table class="calls ledger">
  <thead><tr><th>Date</th><th>What</th><th class="num">Amount</th><th class="num">Balance after</th></tr></thead>
  <tbody>
  <?cs each:e = Ledger.rows ?>
    <tr><td><?cs var:e.date ?></td><td><?cs var:e.cause ?></td>
    <td class="num<?cs if:e.negative ?> negative<?cs /if ?>"><?cs var:e.money ?><?cs if:e.money && e.mileage ?><br><?cs /if ?><?cs var:e.mileage ?></td>
    <td class="num"><?cs var:e.balance ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs call:pager("Ledger", Ledger, "lpage") ?>
<?cs else ?><p class="muted">No movements yet. Credits, vouchers and calls will be listed here.</p><?cs /if ?>
</section>

<section class="panel">
<div class="title-row"><h2>Calls</h2><span><a class="button small ghost" href="/balance/calls.csv" download>Download CSV</a></span></div>
<?cs if:subcount(Calls.rows) ?>
<div class="table-wrap"><table class="calls">
  <thead><tr><th>Date</th><th>Other party</th><th>Leg A (owner)</th><th>Leg B (caller)</th><th class="num">Cost</th><th>Paid by</th><th class="num">You paid</th></tr></thead>
  <tbody>
  <?cs each:c = Calls.rows ?>
    <tr><td><?cs var:c.date ?></td><td><?cs var:c.other ?> <small class="hint"><?cs var:c.side ?></small></td>
    <td><?cs var:c.a ?></td><td><?cs var:c.b ?></td><td class="num"><?cs var:c.cost ?></td>
    <td><?cs var:c.payer ?></td>
    <td class="num"><?cs if:c.paid ?><?cs var:c.paid ?><?cs if:c.points ?><br><?cs /if ?><?cs /if ?><?cs if:c.points ?><?cs var:c.points ?> points<?cs /if ?><?cs if:!c.paid && !c.points ?>—<?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs call:pager("Calls", Calls, "cpage") ?>
<?cs else ?><p class="muted">No calls yet.</p><?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
