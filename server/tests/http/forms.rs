//! Forms over HTTP: created from a template, previewed, published, edited into a new
//! version, copied; viewers look but do not touch.

use crate::support::{TestApp, location_path, spawn_browser};
use app::domain::forms::builder::BuilderInput;
use app::domain::forms::templates::Template;
use app::domain::forms::{Item, Text};
use app::server::services::forms;
use reqwest::StatusCode;
use serde_json::Value;

pub async fn demo_as(app: &TestApp, email: &str) {
    server::demo::load(&app.db, &app.roster_files)
        .await
        .expect("demo data loads");
    let response = app.login(email, server::demo::DEMO_PASSWORD).await;
    assert_eq!(location_path(&response), "/events", "{email} signs in");
}

/// The forms of the list, as JSON.
async fn form_list(app: &TestApp) -> Vec<Value> {
    let (status, body) = app.call_get("/api/forms?include_archived=false").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("JSON list")
}

/// Creates a form from a template over HTTP, as the list page's button does without
/// JavaScript; its id.
pub async fn create_from_template(app: &TestApp, template: &str) -> i32 {
    let response = app
        .submit_form("/api/create_form", "/forms", &[("template", template)])
        .await;
    let page = location_path(&response);
    page.strip_prefix("/forms/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("redirected to the new form: {page}"))
}

pub async fn publish(app: &TestApp, form_id: i32) {
    let id = form_id.to_string();
    let page = format!("/forms/{id}");
    let response = app
        .submit_form("/api/publish_form", &page, &[("id", id.as_str())])
        .await;
    assert_eq!(location_path(&response), format!("{page}?saved=published"));
}

pub async fn a_form_from_a_template_is_previewed_published_and_then_never_changes(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let (_, list) = app.get_text("/forms").await;
    assert!(
        list.contains(r#"href="/forms""#),
        "the main menu links here"
    );
    assert!(list.contains("出展後アンケートから作成"));
    assert!(list.contains("セミナー受講レポートから作成"));

    let id = create_from_template(&app, "after_exhibit").await;
    let listed = form_list(&app).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["title"], "出展後アンケート");
    assert_eq!(listed[0]["version"], 1);
    assert_eq!(listed[0]["published"], false, "a new form is a draft");

    let page = format!("/forms/{id}");
    let (status, html) = app.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<title>出展後アンケート</title>"),
        "the page is named"
    );
    assert!(html.contains("第1版を公開する"), "a draft can be published");
    assert!(html.contains("プレビュー"));
    assert!(html.contains("商談件数"), "the preview shows the questions");
    assert!(
        html.contains(r#"name="negotiations""#),
        "as the controls companies fill in"
    );
    assert!(
        html.contains("disabled"),
        "and its send button does nothing"
    );

    publish(&app, id).await;
    let (_, html) = app.get_text(&format!("{page}?saved=published")).await;
    assert!(html.contains("公開しました"), "{html}");
    assert!(!html.contains("を公開する"), "nothing left to publish");
    assert!(html.contains("公開済みの版は変更できません"));
    assert_eq!(form_list(&app).await[0]["published"], true);

    // An edit after publishing goes into a new version; version 1 stays as published.
    let mut edited = Template::AfterExhibit.definition();
    if let Some(Item::Question(question)) = edited.items.get_mut(1) {
        question.label = Text::ja("商談件数（合計）");
    }
    let saved = forms::save(&app.db, app.clock.now(), id, &edited)
        .await
        .expect("saved");
    assert_eq!(saved.row.version, 2);
    assert!(!saved.is_published());
    let versions = forms::versions(&app.db, id).await.expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(
        versions[0].definition,
        Template::AfterExhibit.definition(),
        "version 1 is unchanged"
    );
    assert!(versions[0].is_published());
    assert_eq!(versions[1].definition, edited);

    let (_, html) = app.get_text(&page).await;
    assert!(
        html.contains("第2版を公開する"),
        "the new version is a draft"
    );
    assert!(
        html.contains("商談件数（合計）"),
        "the preview shows the newest version"
    );
}

pub async fn a_copy_is_a_new_draft_form_with_the_same_questions(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let id = create_from_template(&app, "seminar_report").await;
    publish(&app, id).await;
    let (status, body) = app
        .call("/api/copy_form", &[("id", id.to_string().as_str())])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let listed = form_list(&app).await;
    assert_eq!(listed.len(), 2);
    let copy = listed
        .iter()
        .find(|form| form["id"] != id)
        .expect("the copy is listed");
    assert!(
        copy["title"]
            .as_str()
            .is_some_and(|t| t.ends_with("（コピー）")),
        "{copy}"
    );
    assert_eq!(copy["published"], false, "a copy starts as a draft");
    let copy_id = i32::try_from(copy["id"].as_i64().expect("id")).expect("i32");
    let original = forms::latest(&app.db, id).await.expect("original");
    let copied = forms::latest(&app.db, copy_id).await.expect("copy");
    assert_eq!(copied.definition.items, original.definition.items);
}

pub async fn viewers_see_forms_but_cannot_create_or_publish_them(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let id = create_from_template(&app, "after_exhibit").await;

    let viewer = spawn_browser(&app);
    let response = viewer
        .login("review@example.jp", server::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(location_path(&response), "/events");
    let (status, html) = viewer.get_text(&format!("/forms/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("商談件数"), "viewers see the preview");
    for action in ["publish_form", "copy_form"] {
        assert!(
            !html.contains(&format!("/api/{action}")),
            "no {action} form"
        );
    }
    let (_, list) = viewer.get_text("/forms").await;
    assert!(!list.contains("/api/create_form"), "no create buttons");

    let id_text = id.to_string();
    for (action, fields) in [
        ("/api/create_form", vec![("template", "after_exhibit")]),
        ("/api/publish_form", vec![("id", id_text.as_str())]),
        ("/api/copy_form", vec![("id", id_text.as_str())]),
    ] {
        let (status, body) = viewer.call(action, &fields).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{action}: {body}");
    }
    assert_eq!(form_list(&app).await.len(), 1, "nothing was created");
    assert!(
        !forms::latest(&app.db, id)
            .await
            .expect("form")
            .is_published(),
        "nothing was published"
    );
}

/// The builder's form as a browser posts it, for `definition`.
fn builder_fields(definition: &app::domain::forms::FormDefinition) -> Vec<(String, String)> {
    let input = BuilderInput::from(definition);
    let mut fields = vec![
        ("input[title_ja]".to_owned(), input.title_ja.clone()),
        ("input[title_en]".to_owned(), input.title_en.clone()),
        (
            "input[description_ja]".to_owned(),
            input.description_ja.clone(),
        ),
        (
            "input[description_en]".to_owned(),
            input.description_en.clone(),
        ),
        ("add_kind".to_owned(), "short_text".to_owned()),
    ];
    for (index, item) in input.items.iter().enumerate() {
        let Value::Object(item) = serde_json::to_value(item).expect("JSON") else {
            panic!("an item is an object");
        };
        for (field, value) in item {
            let value = value.as_str().unwrap_or_default().to_owned();
            // A checkbox that is not ticked posts nothing.
            if value.is_empty() && matches!(field.as_str(), "required" | "other" | "select") {
                continue;
            }
            fields.push((format!("input[items][{index}][{field}]"), value));
        }
    }
    fields
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let field = fields
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no field {name}"));
    field.1 = value.to_owned();
}

/// Posts the builder form with the button `op`, as a browser without JavaScript.
async fn post_builder(
    app: &TestApp,
    form_id: i32,
    fields: &[(String, String)],
    op: &str,
) -> reqwest::Response {
    let id = form_id.to_string();
    let mut all: Vec<(&str, &str)> = vec![("id", id.as_str()), ("op", op)];
    all.extend(fields.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    app.submit_form("/api/save_form", &format!("/forms/{id}/edit"), &all)
        .await
}

async fn newest(app: &TestApp, form_id: i32) -> forms::Version {
    forms::latest(&app.db, form_id)
        .await
        .expect("newest version")
}

pub async fn the_builder_edits_adds_moves_and_deletes_items_without_javascript(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let id = create_from_template(&app, "after_exhibit").await;
    let edit = format!("/forms/{id}/edit");
    let (status, html) = app.get_text(&edit).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<title>フォームの編集 - 出展後アンケート</title>"));
    assert!(html.contains(r#"name="input[items][1][label_ja]""#));
    assert!(
        html.contains(r#"action="/api/save_form""#),
        "a plain form post"
    );

    // Edit a label.
    let mut fields = builder_fields(&newest(&app, id).await.definition);
    set(&mut fields, "input[items][1][label_ja]", "商談件数（合計）");
    let response = post_builder(&app, id, &fields, "save").await;
    assert_eq!(location_path(&response), format!("{edit}?saved=saved"));
    let saved = newest(&app, id).await;
    assert_eq!(saved.row.version, 1, "a draft is edited in place");
    assert_eq!(
        saved
            .definition
            .questions()
            .next()
            .map(|q| q.label.ja.as_str()),
        Some("商談件数（合計）")
    );
    let count = saved.definition.items.len();

    // Add a choice question: it arrives at the end, ready to use.
    let fields = builder_fields(&saved.definition);
    let mut with_kind = fields.clone();
    set(&mut with_kind, "add_kind", "single_choice");
    let response = post_builder(&app, id, &with_kind, "add").await;
    assert_eq!(
        location_path(&response),
        format!("{edit}?saved=saved#item-{count}")
    );
    let added = newest(&app, id).await.definition;
    assert_eq!(added.items.len(), count + 1);
    let last = added.items.last().expect("the new item");
    assert_eq!(last.id().as_str(), "q1");

    // Move it up, then delete it.
    let response = post_builder(&app, id, &builder_fields(&added), &format!("up:{count}")).await;
    assert!(location_path(&response).contains("saved=saved"));
    let moved = newest(&app, id).await.definition;
    assert_eq!(moved.items[count - 1].id().as_str(), "q1");
    let response = post_builder(
        &app,
        id,
        &builder_fields(&moved),
        &format!("delete:{}", count - 1),
    )
    .await;
    assert!(location_path(&response).contains("saved=saved"));
    let deleted = newest(&app, id).await.definition;
    assert_eq!(deleted.items.len(), count);
    assert!(deleted.items.iter().all(|item| item.id().as_str() != "q1"));
}

pub async fn the_builder_shows_problems_next_to_their_items_and_keeps_what_was_typed(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let id = create_from_template(&app, "after_exhibit").await;
    let edit = format!("/forms/{id}/edit");
    let before = newest(&app, id).await;

    let mut fields = builder_fields(&before.definition);
    set(&mut fields, "input[items][1][id]", "Bad ID");
    let response = post_builder(&app, id, &fields, "save").await;
    let back = location_path(&response);
    assert!(back.starts_with(&format!("{edit}?")), "{back}");
    let (_, html) = app.get_text(&back).await;
    let item = &html[html.find(r#"id="item-1""#).expect("item 1")..];
    let item = &item[..item.find("</fieldset>").expect("end of item 1")];
    assert!(
        item.contains("項目IDには半角英小文字"),
        "the problem is shown with its item: {item}"
    );
    assert!(item.contains(r#"value="Bad ID""#), "with what was typed");

    let mut fields = builder_fields(&before.definition);
    set(&mut fields, "input[items][1][min]", "たくさん");
    let response = post_builder(&app, id, &fields, "save").await;
    let (_, html) = app.get_text(&location_path(&response)).await;
    assert!(html.contains(r#"id="item-1-min-error""#), "by the field");
    assert!(html.contains("整数で入力してください。"));
    assert!(html.contains(r#"value="たくさん""#));

    let after = newest(&app, id).await;
    assert_eq!(after.definition, before.definition, "nothing was saved");
}

pub async fn saving_in_the_builder_after_publishing_starts_a_new_version(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let id = create_from_template(&app, "seminar_report").await;
    publish(&app, id).await;
    let (_, html) = app.get_text(&format!("/forms/{id}/edit")).await;
    assert!(html.contains("保存すると第2版（下書き）として保存されます"));
    let published = newest(&app, id).await;

    let mut fields = builder_fields(&published.definition);
    set(&mut fields, "input[title_ja]", "セミナー受講レポート 2027");
    post_builder(&app, id, &fields, "save").await;
    let versions = forms::versions(&app.db, id).await.expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(
        versions[0].definition, published.definition,
        "version 1 stays"
    );
    assert_eq!(versions[1].definition.title.ja, "セミナー受講レポート 2027");
    assert!(!versions[1].is_published());
}
