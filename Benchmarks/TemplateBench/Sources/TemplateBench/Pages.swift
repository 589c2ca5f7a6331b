import Foundation

/// The same two pages — an article and a term listing — written for each engine.
enum Pages {
    // MARK: - sitegen

    static let sitegen: [String: String] = [
        "base.html": """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{% block title %}{{ site.title }}{% endblock %}</title>
            <link rel="stylesheet" href="/assets/site.css">
            </head>
            <body>
            {% include "partials/nav.html" %}
            <main>
            {% block content %}{% endblock %}
            </main>
            <footer><p>{{ site.title }} · {{ site.description }}</p></footer>
            </body>
            </html>
            """,
        "partials/nav.html": """
            <nav><a href="/">{{ site.title }}</a>{% for item in site.menu %} <a href="{{ item.url }}">{{ item.name }}</a>{% endfor %}</nav>
            """,
        "partials/topic.html": """
            <li><a href="{{ topic.url }}">{{ topic.name }}</a></li>
            """,
        "article.html": """
            {% extends "base.html" %}
            {% block title %}{{ page.title }} · {{ site.title }}{% endblock %}
            {% block content %}
            <article>
            <h1>{{ page.title }}</h1>
            <p class="meta">{{ page.date }} by {{ page.author }}</p>
            <ul class="topics">
            {% for topic in page.topics %}{% include "partials/topic.html" %}
            {% endfor %}</ul>
            <div class="body">{{ page.body }}</div>
            </article>
            {% endblock %}
            """,
        "term.html": """
            {% extends "base.html" %}
            {% block title %}{{ term.name }} · {{ site.title }}{% endblock %}
            {% block content %}
            <h1>{{ term.name }}</h1>
            {% for article in term.articles %}
            <article class="summary">
            <h2><a href="{{ article.url }}">{{ article.title }}</a></h2>
            <p class="meta">{{ article.date }}</p>
            {{ article.summary }}
            <ul class="topics">{% for topic in article.topics %}{% include "partials/topic.html" %}{% endfor %}</ul>
            </article>
            {% endfor %}
            {% endblock %}
            """,
    ]

    // MARK: - swift-mustache

    static let mustache: [String: String] = [
        "base": """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{$title}}{{site.title}}{{/title}}</title>
            <link rel="stylesheet" href="/assets/site.css">
            </head>
            <body>
            {{> nav}}
            <main>
            {{$content}}{{/content}}
            </main>
            <footer><p>{{site.title}} · {{site.description}}</p></footer>
            </body>
            </html>
            """,
        "nav": """
            <nav><a href="/">{{site.title}}</a>{{#site.menu}} <a href="{{url}}">{{name}}</a>{{/site.menu}}</nav>
            """,
        "topic": """
            <li><a href="{{url}}">{{name}}</a></li>
            """,
        "article": """
            {{<base}}
            {{$title}}{{page.title}} · {{site.title}}{{/title}}
            {{$content}}
            <article>
            <h1>{{page.title}}</h1>
            <p class="meta">{{page.date}} by {{page.author}}</p>
            <ul class="topics">
            {{#page.topics}}{{> topic}}
            {{/page.topics}}</ul>
            <div class="body">{{{page.body}}}</div>
            </article>
            {{/content}}
            {{/base}}
            """,
        "term": """
            {{<base}}
            {{$title}}{{term.name}} · {{site.title}}{{/title}}
            {{$content}}
            <h1>{{term.name}}</h1>
            {{#term.articles}}
            <article class="summary">
            <h2><a href="{{url}}">{{title}}</a></h2>
            <p class="meta">{{date}}</p>
            {{{summary}}}
            <ul class="topics">{{#topics}}{{> topic}}{{/topics}}</ul>
            </article>
            {{/term.articles}}
            {{/content}}
            {{/base}}
            """,
    ]

    // MARK: - Stencil (no autoescape: the `escape` filter is registered by the benchmark)

    static let stencil: [String: String] = [
        "base.html": """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{% block title %}{{ site.title|escape }}{% endblock %}</title>
            <link rel="stylesheet" href="/assets/site.css">
            </head>
            <body>
            {% include "partials/nav.html" %}
            <main>
            {% block content %}{% endblock %}
            </main>
            <footer><p>{{ site.title|escape }} · {{ site.description|escape }}</p></footer>
            </body>
            </html>
            """,
        "partials/nav.html": """
            <nav><a href="/">{{ site.title|escape }}</a>{% for item in site.menu %} <a href="{{ item.url|escape }}">{{ item.name|escape }}</a>{% endfor %}</nav>
            """,
        "partials/topic.html": """
            <li><a href="{{ topic.url|escape }}">{{ topic.name|escape }}</a></li>
            """,
        "article.html": """
            {% extends "base.html" %}
            {% block title %}{{ page.title|escape }} · {{ site.title|escape }}{% endblock %}
            {% block content %}
            <article>
            <h1>{{ page.title|escape }}</h1>
            <p class="meta">{{ page.date|escape }} by {{ page.author|escape }}</p>
            <ul class="topics">
            {% for topic in page.topics %}{% include "partials/topic.html" %}
            {% endfor %}</ul>
            <div class="body">{{ page.body }}</div>
            </article>
            {% endblock %}
            """,
        "term.html": """
            {% extends "base.html" %}
            {% block title %}{{ term.name|escape }} · {{ site.title|escape }}{% endblock %}
            {% block content %}
            <h1>{{ term.name|escape }}</h1>
            {% for article in term.articles %}
            <article class="summary">
            <h2><a href="{{ article.url|escape }}">{{ article.title|escape }}</a></h2>
            <p class="meta">{{ article.date|escape }}</p>
            {{ article.summary }}
            <ul class="topics">{% for topic in article.topics %}{% include "partials/topic.html" %}{% endfor %}</ul>
            </article>
            {% endfor %}
            {% endblock %}
            """,
    ]
}
