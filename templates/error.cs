<?cs include:"header.cs" ?>
<section class="panel narrow error-page">
<p class="code"><?cs var:Error.Status ?></p>
<h1><?cs var:Error.Title ?></h1>
<p><?cs var:Error.Message ?></p>
<p><a href="/">Back to the home page</a></p>
</section>
<?cs include:"footer.cs" ?>
