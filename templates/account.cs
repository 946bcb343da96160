<?cs include:"header.cs" ?>
<h1>Your account</h1>
<?cs if:Done == "profile" ?><p class="notice">Your profile is saved.</p><?cs /if ?>
<?cs if:Done == "password" ?><p class="notice">Your password is changed. Other sessions were logged out.</p><?cs /if ?>
<p class="aside">See <a href="/balance">your balance, ledger and calls</a>, <a href="/call/calls">the calls made through your cards</a> and <a href="/sends">the cards you have sent</a>.<?cs if:Member.admin == "1" ?> Operator: <a href="/admin">members, rates and vouchers</a>.<?cs /if ?></p>
<div class="columns">
<section class="panel">
<h2>Profile</h2>
<form method="post" action="/account" novalidate>
  <?cs call:csrf() ?>
  <?cs call:field("name", "Name", "text", "") ?>
  <?cs call:field("email", "E-mail", "email", "") ?>
  <?cs call:field("phone", "Phone", "tel", "") ?>
  <button type="submit">Save profile</button>
</form>
</section>
<section class="panel">
<h2>Change password</h2>
<form method="post" action="/account/password" novalidate>
  <?cs call:csrf() ?>
  <?cs call:field("current", "Current password", "password", "") ?>
  <?cs call:field("password", "New password", "password", "At least 10 characters.") ?>
  <?cs call:field("password2", "New password again", "password", "") ?>
  <button type="submit">Change password</button>
</form>
</section>
</div>
<?cs include:"footer.cs" ?>
