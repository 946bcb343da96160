</main>
<footer class="bottom"><p><?cs var:Site.Name ?> — web business cards with call buttons.</p></footer>
</body>
</html>
