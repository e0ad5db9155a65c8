//! The README's generated section, between two markers.

/// Where the generated service table starts.
pub const BEGIN: &str = "<!-- services:begin -->";
/// Where it ends.
pub const END: &str = "<!-- services:end -->";

/// `readme` with the text between the markers replaced by `table`. Fails when
/// the markers are missing or out of order.
pub fn replace_table(readme: &str, table: &str) -> Result<String, String> {
    let (Some(begin), Some(end)) = (readme.find(BEGIN), readme.find(END)) else {
        return Err(format!(
            "the README has no `{BEGIN}` … `{END}` markers; put both on lines of their own where the service table goes"
        ));
    };
    if end < begin {
        return Err(format!("the README's `{END}` comes before `{BEGIN}`"));
    }
    let after_begin = begin + BEGIN.len();
    Ok(format!("{}\n{table}{}", &readme[..after_begin], &readme[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_between_the_markers() {
        let readme = format!("intro\n{BEGIN}\nold\n{END}\noutro\n");
        assert_eq!(
            replace_table(&readme, "| new |\n").unwrap(),
            format!("intro\n{BEGIN}\n| new |\n{END}\noutro\n")
        );
    }

    #[test]
    fn missing_markers_are_an_error() {
        assert!(replace_table("no table here", "x").unwrap_err().contains(BEGIN));
        assert!(replace_table(&format!("{END}\n{BEGIN}"), "x").is_err());
    }
}
