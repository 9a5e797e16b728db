using ClinicCms.Recipes;
using ClinicCms.Web.Hosting;

namespace ClinicCms.Web.Setup;

/// <summary>Finds a recipe by file path, or by name in recipes/ (a file named {name}.recipe.json, or a recipe whose "name" matches).</summary>
public sealed class RecipeLocator(AppDataPaths paths)
{
    public RecipeDescriptor Find(string nameOrPath)
    {
        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return RecipeReader.ReadFile(Path.GetFullPath(nameOrPath));
        }
        var byFileName = Path.Combine(paths.RecipesFolder, $"{nameOrPath}.recipe.json");
        if (File.Exists(byFileName))
        {
            return RecipeReader.ReadFile(byFileName);
        }
        foreach (var file in Directory.Exists(paths.RecipesFolder) ? Directory.GetFiles(paths.RecipesFolder, "*.recipe.json") : [])
        {
            var recipe = RecipeReader.ReadFile(file);
            if (string.Equals(recipe.Name, nameOrPath, StringComparison.OrdinalIgnoreCase))
            {
                return recipe;
            }
        }
        throw new RecipeException([new RecipeError(nameOrPath, null, null, "", $"no recipe named '{nameOrPath}' in {paths.RecipesFolder}")]);
    }
}
