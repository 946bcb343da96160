<?cs include:"header.cs" ?>
<h1>Make a card</h1>
<div class="columns makers">
  <section class="panel">
    <h2>Quick maker</h2>
    <p>Pick one of our designs, type your name and numbers, done. A call button goes beside each number.</p>
    <p><a class="button" href="/make/quick">Choose a design</a></p>
  </section>
  <section class="panel">
    <h2>Full editor</h2>
    <p>Choose every item, how each number can be called and who pays, then lay out colours, type, images and text yourself.</p>
    <p><a class="button ghost" href="/make/editor">Open the editor</a></p>
  </section>
</div>
<?cs include:"footer.cs" ?>
