<?cs include:"header.cs" ?>
<?cs # admin.cs: the operator finds a member by e-mail and credits their
       account. Only operators reach this page (cgi-bin/admin.c). ?>
<?cs include:"admin_nav.cs" ?>
<h1>Members</h1>
<?cs if:Done.credited ?><p class="notice">Credited <?cs var:Done.credited ?>. The member's ledger shows it with your reason.</p><?cs /if ?>
<div class="stack">
<div class="columns">
<section class="panel">
<h2>Find a member</h2>
<form method="get" action="/admin" novalidate>
  <?cs call:field("email", "E-mail", "email", "") ?>
  <button type="submit">Find</button>
</form>
</section>
<?cs if:Found.id ?>
<section class="panel" id="member">
<h2><?cs var:Found.name ?></h2>
<p><?cs var:Found.email ?> · member <?cs var:Found.id ?><?cs if:Found.admin == "1" ?> · <span class="tag">Operator</span><?cs /if ?></p>
<dl class="money">
  <dt>Balance</dt><dd id="found-balance"><?cs var:Found.balance ?></dd>
  <dt>Held for calls</dt><dd><?cs var:Found.held ?> (<?cs var:Found.calls ?> in progress)</dd>
  <dt>Available</dt><dd><?cs var:Found.available ?></dd>
  <dt>Mileage</dt><dd><?cs var:Found.mileage ?> points</dd>
</dl>
<h2>Credit this account</h2>
<form method="post" action="/admin/credit" novalidate>
  <?cs call:csrf() ?>
  <input type="hidden" name="email" value="<?cs var:Found.email ?>">
  <input type="hidden" name="once" value="<?cs var:Form.once ?>">
  <?cs call:field("amount", "Amount in " + Found.currency, "text", "Like 12.50; at most " + Found.max_amount + ".") ?>
  <?cs call:field("reason", "Reason", "text", "The member sees it in their ledger.") ?>
  <button type="submit">Credit</button>
</form>
</section>
<?cs /if ?>
</div>
<?cs if:Found.id ?>
<section class="panel">
<h2>Latest movements</h2>
<?cs if:subcount(Found.entries) ?>
<div class="table-wrap"><table class="calls">
  <thead><tr><th>Date</th><th>What</th><th class="num">Amount</th><th class="num">Balance after</th></tr></thead>
  <tbody>
  <?cs each:e = Found.entries ?>
    <tr><td><?cs var:e.date ?></td><td><?cs var:e.cause ?></td><td class="num"><?cs var:e.money ?><?cs if:e.money && e.mileage ?><br><?cs /if ?><?cs var:e.mileage ?></td><td class="num"><?cs var:e.balance ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs else ?><p class="hint">No movements yet.</p><?cs /if ?>
<p><a href="/admin/vouchers">Make a voucher</a> or credit above; the member sees every movement on their balance page.</p>
</section>
<?cs /if ?>
</div>
<?cs include:"footer.cs" ?>
