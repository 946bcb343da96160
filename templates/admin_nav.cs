<?cs # admin_nav.cs: the links between the operator's pages. ?>
<nav class="admin-nav" aria-label="Operator pages">
  <a href="/admin"<?cs if:Page.Path == "/admin" ?> aria-current="page"<?cs /if ?>>Members</a>
  <a href="/admin/rates"<?cs if:Page.Path == "/admin/rates" ?> aria-current="page"<?cs /if ?>>Rates</a>
  <a href="/admin/vouchers"<?cs if:Page.Path == "/admin/vouchers" ?> aria-current="page"<?cs /if ?>>Vouchers</a>
</nav>
