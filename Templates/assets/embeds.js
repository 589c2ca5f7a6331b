// sitegen: a YouTube or Vimeo link alone in its paragraph is a placeholder (<figure class="video-embed">)
// holding a plain link to the video. Nothing is loaded from the provider until the reader clicks it:
// then the player (its address in data-embed-src, made by sitegen from the video's id) takes its place.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".video-embed a.video-embed-link");
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  var figure = link.closest(".video-embed");
  var src = figure.getAttribute("data-embed-src") || "";
  if (src.indexOf("https://www.youtube-nocookie.com/embed/") !== 0 && src.indexOf("https://player.vimeo.com/video/") !== 0) return;
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.src = src;
  frame.title = figure.getAttribute("data-embed-title") || "Video";
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  figure.classList.add("is-playing");
  figure.replaceChildren(frame);
  frame.focus();
});
