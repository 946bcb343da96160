<?cs include:"header.cs" ?>
<?cs if:Welcome ?><p class="notice">Welcome, <?cs var:Member.name ?>! Your account is ready.</p><?cs /if ?>
<div class="title-row"><h1>My cards</h1></div>
<?cs if:subcount(Cards) > 0 ?>
<ul class="card-list">
<?cs each:c = Cards ?>
  <li><a href="/cards/<?cs var:c.id ?>"><?cs var:c.name ?></a></li>
<?cs /each ?>
</ul>
<?cs else ?>
<section class="empty">
  <p>You have no cards yet.</p>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
