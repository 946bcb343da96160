<?cs include:"header.cs" ?>
<section class="panel narrow">
<h1>Create your account</h1>
<?cs if:Errors.Any ?><p class="error-summary" role="alert">Please correct the fields marked below.</p><?cs /if ?>
<form method="post" action="/signup" novalidate>
  <?cs call:csrf() ?>
  <?cs call:field("name", "Your name", "text", "") ?>
  <?cs call:field("email", "E-mail", "email", "") ?>
  <?cs call:field("phone", "Phone", "tel", "The number we ring when someone presses your call button.") ?>
  <?cs call:field("password", "Password", "password", "At least 10 characters.") ?>
  <?cs call:field("password2", "Password again", "password", "") ?>
  <button type="submit">Sign up</button>
</form>
<p class="aside">Already have an account? <a href="/login">Log in</a>.</p>
</section>
<?cs include:"footer.cs" ?>
