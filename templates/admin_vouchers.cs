<?cs include:"header.cs" ?>
<?cs # admin_vouchers.cs: a batch of new top-up vouchers and the list. ?>
<?cs include:"admin_nav.cs" ?>
<h1>Vouchers</h1>
<div class="stack">
<?cs if:Done.again ?><p class="notice">This form was sent before: that batch was made once, and its codes are in the list below. Nothing more was made.</p><?cs /if ?>
<?cs if:subcount(Created) ?>
<section class="notice" id="created">
<p>New vouchers of <?cs var:CreatedAmount ?> each. Hand each code to one person; it can be redeemed once.</p>
<ul class="codes"><?cs each:c = Created ?><li><code><?cs var:c ?></code></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<section class="panel">
<h2>Make vouchers</h2>
<form method="post" action="/admin/vouchers" novalidate>
  <?cs call:csrf() ?>
  <input type="hidden" name="once" value="<?cs var:Form.once ?>">
  <div class="columns tight">
  <?cs call:field("amount", "Amount in " + Vouchers.currency, "text", "Like 10 or 12.50; at most " + Vouchers.max_amount + ".") ?>
  <?cs call:field("count", "How many", "number", "1 to 100.") ?>
  <?cs call:field("note", "Note (optional)", "text", "For you: the batch or campaign.") ?>
  </div>
  <button type="submit">Make vouchers</button>
</form>
</section>
<section class="panel">
<h2>All vouchers</h2>
<p><?cs var:Vouchers.total ?> in all, <?cs var:Vouchers.redeemed ?> redeemed<?cs if:Vouchers.total > 200 ?>; the newest 200 are listed<?cs /if ?>.</p>
<?cs if:subcount(Vouchers.rows) ?>
<div class="table-wrap"><table class="calls">
  <thead><tr><th>Code</th><th class="num">Amount</th><th>Made</th><th>Note</th><th>Redeemed</th></tr></thead>
  <tbody>
  <?cs each:v = Vouchers.rows ?>
    <tr><td><code><?cs var:v.code ?></code></td><td class="num"><?cs var:v.amount ?></td><td><?cs var:v.created ?></td><td><?cs var:v.note ?></td>
    <td><?cs if:v.redeemed ?><?cs var:v.redeemed ?> by <?cs var:v.by ?><?cs else ?>not yet<?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs /if ?>
</section>
</div>
<?cs include:"footer.cs" ?>
